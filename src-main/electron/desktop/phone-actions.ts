/**
 * What a global shortcut, the tray or a click-to-call link asks of the phone, as contract
 * requests: arguments go through `dispatchRequest` exactly as a window's would, so a hostile
 * `tel:` link meets the same validation as typed input. Results are `{ok}` values, never throws.
 */
import { dispatchRequest } from '../../../src-shared/contract/dispatch.js';
import { ipcRequests } from '../../../src-shared/contract/ipc-contract.js';
import { fail, type Result } from '../../../src-shared/contract/result.js';
import type { LineSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import type { PhoneCore } from '../phone-core.js';

const LIVE: ReadonlyArray<LineSnapshot['state']> = ['connected', 'held', 'dialing', 'ringingOut', 'transferring'];

export class PhoneActions {
  constructor(private readonly phone: () => PhoneCore | null) {}

  /** The newest ringing call. */
  answerRinging(): Promise<Result<unknown>> {
    const line = this.newest((l) => l.state === 'ringingIn');
    return line ? this.invoke('call.answer', { lineId: line.id }) : this.nothing('応答する着信がありません');
  }

  /** Hang up the current call; with none, reject the ringing one. */
  hangUpCurrent(): Promise<Result<unknown>> {
    const live = this.newest((l) => l.state === 'connected') ?? this.newest((l) => LIVE.includes(l.state));
    if (live) return this.invoke('call.hangup', { lineId: live.id });
    const ringing = this.newest((l) => l.state === 'ringingIn');
    return ringing ? this.invoke('call.reject', { lineId: ringing.id }) : this.nothing('切断する通話がありません');
  }

  toggleMute(): Promise<Result<unknown>> {
    const line = this.newest((l) => l.state === 'connected');
    if (!line) return this.nothing('ミュートする通話がありません');
    return this.invoke('call.mute', { lineId: line.id, muted: line.muted !== true });
  }

  toggleDnd(): Promise<Result<unknown>> {
    const on = this.phone()?.getSnapshot().dnd === true;
    return this.invoke('phone.setDnd', { on: !on });
  }

  dial(target: string): Promise<Result<unknown>> {
    return this.invoke('call.dial', { target });
  }

  private newest(predicate: (line: LineSnapshot) => boolean): LineSnapshot | undefined {
    const lines = this.phone()?.getSnapshot().lines ?? [];
    return lines.filter(predicate).sort((a, b) => b.startedAt - a.startedAt)[0];
  }

  private invoke(method: string, args: unknown): Promise<Result<unknown>> {
    const phone = this.phone();
    if (!phone) return this.nothing('電話が起動していません');
    // a method this build of the contract lacks is refused by dispatchRequest, not thrown
    return dispatchRequest(ipcRequests, phone.handlers, method, args);
  }

  private nothing(message: string): Promise<Result<unknown>> {
    return Promise.resolve(fail('invalid-state', message));
  }
}
