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
 * Transitions that do not fit are refused (return false) rather than thrown: they come from the
 * network, where late or duplicate events are normal.
 */
const ALLOWED: Readonly<Record<LineState, readonly LineState[]>> = {
  dialing: ['ringingOut', 'connected', 'ended'],
  ringingOut: ['connected', 'ended'],
  ringingIn: ['connected', 'ended'],
  connected: ['ended'],
  ended: [],
};

export interface LineInit {
  id: string;
  direction: CallDirection;
  remoteNumber: string;
  remoteName: string;
  calledNumber: string | null;
  calledLabel: string | null;
  callerNumber: string | null;
  startedAt: number;
}

export class Line {
  readonly id: string;
  readonly direction: CallDirection;
  private snapshotValue: LineSnapshot;

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
    };
  }

  get state(): LineState {
    return this.snapshotValue.state;
  }

  get isLive(): boolean {
    return this.snapshotValue.state !== 'ended';
  }

  snapshot(): LineSnapshot {
    return this.snapshotValue;
  }

  /** outgoing: the far end is alerting (180/183) */
  markRingingOut(): boolean {
    if (this.direction !== 'outgoing') return false;
    return this.transition('ringingOut', {});
  }

  markConnected(at: number): boolean {
    return this.transition('connected', { connectedAt: at });
  }

  end(reason: LineEndReason, at: number): boolean {
    return this.transition('ended', { endedAt: at, endReason: reason });
  }

  /** What we learn about the other party while the call goes on (e.g. P-Asserted-Identity). */
  updateRemoteName(name: string): void {
    if (!name || name === this.snapshotValue.remoteName) return;
    this.snapshotValue = { ...this.snapshotValue, remoteName: name };
    this.onChange(this);
  }

  private transition(to: LineState, changes: Partial<LineSnapshot>): boolean {
    if (!ALLOWED[this.snapshotValue.state].includes(to)) return false;
    this.snapshotValue = { ...this.snapshotValue, ...changes, state: to };
    this.onChange(this);
    return true;
  }
}
