import { createStore, type StoreApi } from 'zustand/vanilla';
import { normalizeDialString } from '../../src-shared/domain/phone-number.js';
import { emptyPhoneSnapshot, type PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';

/** Longest dial string the dialer keeps (the contract accepts 64 characters). */
export const MAX_DIAL_LENGTH = 32;

export type HostConnection = 'open' | 'closed';

export interface DialerState {
  /** dialable characters only: digits, `*`, `#`, a leading `+` */
  digits: string;
  /**
   * a name or reading typed into the dial field (kana, letters): it searches the phonebooks and
   * is never dialled itself; '' while the field holds a number
   */
  query: string;
  /** the caller number chosen for the next call; null = the account's default */
  callerNumber: string | null;
  pending: boolean;
  error: string | null;
}

export interface LoginFormState {
  pending: boolean;
  error: string | null;
}

/**
 * What a window shows: main's latest snapshot (main owns the phone state) plus the window's
 * own UI state, which never goes to main.
 */
export interface PhoneViewState {
  snapshot: PhoneSnapshot;
  hostConnection: HostConnection;
  dialer: DialerState;
  login: LoginFormState;
  /** the last failed answer/reject/hang-up, shown until the next attempt */
  lineActionError: string | null;

  applySnapshot(snapshot: PhoneSnapshot): void;
  setHostConnection(connection: HostConnection): void;
  appendDial(text: string): void;
  setDialDigits(text: string): void;
  backspaceDial(): void;
  clearDial(): void;
  chooseCallerNumber(number: string | null): void;
  setDialStatus(status: Pick<DialerState, 'pending' | 'error'>): void;
  setLoginStatus(status: LoginFormState): void;
  setLineActionError(message: string | null): void;
}

export type PhoneStore = StoreApi<PhoneViewState>;

const dialable = (text: string): string => normalizeDialString(text).slice(0, MAX_DIAL_LENGTH);
/** Longest name search kept (the contract's search accepts 100 characters). */
export const MAX_QUERY_LENGTH = 50;
/**
 * Letters or kana and no digit: a name to look up. Text with digits is a number, whatever else
 * it holds (a pasted "TEL: 03-5555-0100" dials).
 */
const isNameSearch = (text: string): boolean => /\p{L}/u.test(text) && normalizeDialString(text).replace(/[+*#]/g, '') === '';

export function createPhoneStore(initial: PhoneSnapshot = emptyPhoneSnapshot()): PhoneStore {
  return createStore<PhoneViewState>()((set) => ({
    snapshot: initial,
    hostConnection: 'open',
    dialer: { digits: '', query: '', callerNumber: null, pending: false, error: null },
    login: { pending: false, error: null },
    lineActionError: null,

    applySnapshot: (snapshot) =>
      set((state) => {
        // Snapshots can cross in flight (a pushed event and a getSnapshot answer): keep the newest.
        if (snapshot.version < state.snapshot.version) return state;
        const loggedOut = snapshot.account === null;
        return {
          snapshot,
          // a caller number is only meaningful for the account it was chosen in
          dialer: loggedOut ? { ...state.dialer, callerNumber: null } : state.dialer,
        };
      }),
    setHostConnection: (hostConnection) => set({ hostConnection }),
    appendDial: (text) =>
      set((state) => ({ dialer: { ...state.dialer, digits: dialable(state.dialer.digits + text), query: '', error: null } })),
    setDialDigits: (text) =>
      set((state) =>
        isNameSearch(text)
          ? { dialer: { ...state.dialer, digits: '', query: text.slice(0, MAX_QUERY_LENGTH), error: null } }
          : { dialer: { ...state.dialer, digits: dialable(text), query: '', error: null } },
      ),
    backspaceDial: () =>
      set((state) => ({
        dialer: state.dialer.query
          ? { ...state.dialer, query: state.dialer.query.slice(0, -1), error: null }
          : { ...state.dialer, digits: state.dialer.digits.slice(0, -1), error: null },
      })),
    clearDial: () => set((state) => ({ dialer: { ...state.dialer, digits: '', query: '', error: null } })),
    chooseCallerNumber: (callerNumber) => set((state) => ({ dialer: { ...state.dialer, callerNumber } })),
    setDialStatus: (status) => set((state) => ({ dialer: { ...state.dialer, ...status } })),
    setLoginStatus: (login) => set({ login }),
    setLineActionError: (lineActionError) => set({ lineActionError }),
  }));
}
