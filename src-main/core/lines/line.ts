import type {
  CallDirection,
  LineEndReason,
  LineSnapshot,
  LineState,
} from '../../../src-shared/domain/phone-snapshot.js';

/**
 * One call on this phone, as the user sees it. An explicit state machine:
 *   outgoing: dialing → ringingOut → connected → ended   (dialing → connected and → ended too)
 *   incoming: ringingIn → connected → ended
 *   connected ⇄ held (re-INVITE sendonly / sendrecv answered)
 *   connected|held → transferring|parked (REFER sent) → ended, or back where it was when refused
 * Transitions that do not fit are refused (return false) rather than thrown: they come from the
 * network, where late or duplicate events are normal.
 */
const ALLOWED: Readonly<Record<LineState, readonly LineState[]>> = {
  dialing: ['ringingOut', 'connected', 'ended'],
  ringingOut: ['connected', 'ended'],
  ringingIn: ['connected', 'ended'],
  connected: ['held', 'transferring', 'parked', 'ended'],
  held: ['connected', 'transferring', 'parked', 'ended'],
  transferring: ['connected', 'held', 'ended'],
  parked: ['connected', 'held', 'ended'],
  ended: [],
};

/** The states in which a SIP dialog is established (hold, DTMF, REFER make sense). */
export const ESTABLISHED_STATES: readonly LineState[] = ['connected', 'held', 'transferring', 'parked'];

export function canTransition(from: LineState, to: LineState): boolean {
  return ALLOWED[from].includes(to);
}

export interface LineInit {
  id: string;
  direction: CallDirection;
  remoteNumber: string;
  remoteName: string;
  calledNumber: string | null;
  calledLabel: string | null;
  callerNumber: string | null;
  startedAt: number;
  /** incoming while another line was live */
  callWaiting?: boolean;
  /** incoming through a voice menu: the keys the caller pressed */
  ivrDigits?: string;
}

export class Line {
  readonly id: string;
  readonly direction: CallDirection;
  private snapshotValue: LineSnapshot;
  /** where a refused transfer or park returns to */
  private beforeHandover: 'connected' | 'held' = 'connected';

  constructor(
    init: LineInit,
    private readonly onChange: (line: Line) => void,
  ) {
    this.id = init.id;
    this.direction = init.direction;
    this.snapshotValue = {
      ...init,
      state: init.direction === 'incoming' ? 'ringingIn' : 'dialing',
      connectedAt: null,
      endedAt: null,
      endReason: null,
      stateSince: init.startedAt,
      heldAt: null,
      callWaiting: init.callWaiting ?? false,
      muted: false,
      autoAnswered: false,
    };
  }

  get state(): LineState {
    return this.snapshotValue.state;
  }

  get isLive(): boolean {
    return this.snapshotValue.state !== 'ended';
  }

  /** A dialog is established: hold, DTMF, mute and REFER may apply. */
  get isEstablished(): boolean {
    return ESTABLISHED_STATES.includes(this.snapshotValue.state);
  }

  get isMuted(): boolean {
    return this.snapshotValue.muted ?? false;
  }

  snapshot(): LineSnapshot {
    return this.snapshotValue;
  }

  /** outgoing: the far end is alerting (180/183) */
  markRingingOut(at: number): boolean {
    if (this.direction !== 'outgoing') return false;
    return this.transition('ringingOut', at, {});
  }

  markConnected(at: number): boolean {
    // only the first answer sets connectedAt (resume and a refused transfer come back here too)
    const first = this.snapshotValue.connectedAt === null;
    return this.transition('connected', at, { ...(first ? { connectedAt: at } : {}), heldAt: null, callWaiting: false });
  }

  /** our hold re-INVITE was answered */
  markHeld(at: number): boolean {
    return this.transition('held', at, { heldAt: at });
  }

  /** our resume re-INVITE was answered */
  markResumed(at: number): boolean {
    if (this.state !== 'held') return false;
    return this.markConnected(at);
  }

  /** a REFER that hands the other party on (transfer) or into a park slot is on its way */
  markHandingOver(kind: 'transferring' | 'parked', at: number): boolean {
    const from = this.state;
    if (from !== 'connected' && from !== 'held') return false;
    this.beforeHandover = from;
    return this.transition(kind, at, {});
  }

  /** the REFER was refused or failed: the call goes on as before */
  handoverFailed(at: number): boolean {
    if (this.state !== 'transferring' && this.state !== 'parked') return false;
    return this.beforeHandover === 'held' ? this.transition('held', at, {}) : this.transition('connected', at, {});
  }

  end(reason: LineEndReason, at: number): boolean {
    return this.transition('ended', at, { endedAt: at, endReason: reason, callWaiting: false });
  }

  setMuted(muted: boolean): void {
    if (!this.isLive || muted === this.snapshotValue.muted) return;
    this.update({ muted });
  }

  markAutoAnswered(): void {
    this.update({ autoAnswered: true });
  }

  /** outgoing: a provisional answer carried SDP, so the far end plays its own ringback */
  markEarlyMedia(): void {
    if (this.direction !== 'outgoing' || !this.isLive || this.snapshotValue.earlyMedia) return;
    this.update({ earlyMedia: true });
  }

  /** What we learn about the other party while the call goes on (e.g. P-Asserted-Identity). */
  updateRemoteName(name: string): void {
    if (!name || name === this.snapshotValue.remoteName) return;
    this.update({ remoteName: name });
  }

  /**
   * A call placed to a feature code (pickup `*8`, retrieve `*71`) reaches a person the PBX
   * names in P-Asserted-Identity: show that number instead of the code. Other calls keep the
   * number the user dialled.
   */
  learnRemoteNumber(number: string): void {
    const current = this.snapshotValue.remoteNumber;
    // A feature code (*8, *71) or an extension answered by someone else (picked up) becomes the
    // person actually on the line; a company or outside number stays as dialled (callback dials it).
    const replaceable = /[*#]/.test(current) || /^\d{2,6}$/.test(current);
    if (!number || !replaceable || number === current) return;
    this.update({ remoteNumber: number });
  }

  private update(changes: Partial<LineSnapshot>): void {
    this.snapshotValue = { ...this.snapshotValue, ...changes };
    this.onChange(this);
  }

  private transition(to: LineState, at: number, changes: Partial<LineSnapshot>): boolean {
    if (!canTransition(this.snapshotValue.state, to)) return false;
    if (to !== 'ringingIn' && this.snapshotValue.state === 'ringingIn') changes = { callWaiting: false, ...changes };
    this.snapshotValue = { ...this.snapshotValue, ...changes, state: to, stateSince: at };
    this.onChange(this);
    return true;
  }
}
