import type { HandlersOf } from '../../../src-shared/contract/define.js';
import { ipcMethods, type IpcRequests } from '../../../src-shared/contract/ipc-contract.js';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import { emptyPhoneSnapshot, type PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import type { MediaHostLink } from '../../core/media/media-host-link.js';
import type { PhoneCore } from '../phone-core.js';
import { demoAccount } from './snapshots.js';

/** A phone core stand-in: records intents, emits snapshots on demand, controllable dispose. */
export class FakePhone implements PhoneCore {
  started = false;
  disposed = false;
  snapshot: PhoneSnapshot = emptyPhoneSnapshot();
  readonly listeners = new Set<(s: PhoneSnapshot) => void>();
  readonly calls: string[] = [];
  disposeResult: Promise<void> = Promise.resolve();
  /**
   * Every contract method answers "unavailable" unless overridden below, so the contract can grow
   * without touching this stand-in; the intents the shell tests look at are recorded.
   */
  readonly handlers: HandlersOf<IpcRequests> = {
    ...unavailableHandlers(),
    'account.login': () => demoAccount,
    'account.logout': () => null,
    'phone.getSnapshot': () => this.snapshot,
    'call.dial': (args) => {
      this.calls.push(`dial ${args.target}`);
      return { lineId: 'L9' };
    },
    'call.answer': (args) => {
      this.calls.push(`answer ${args.lineId}`);
      return null;
    },
    'call.reject': (args) => {
      this.calls.push(`reject ${args.lineId}`);
      return null;
    },
    'call.hangup': (args) => {
      this.calls.push(`hangup ${args.lineId}`);
      return null;
    },
    'history.list': () => [],
    'history.markSeen': () => null,
    'history.callback': (args) => {
      this.calls.push(`callback ${args.entryId}`);
      return { lineId: 'L9' };
    },
  };

  constructor(readonly mediaHost: MediaHostLink) {}

  /** the last global-shortcut report the shell gave (PhoneCore.setGlobalShortcutReport) */
  shortcutReport: unknown = null;

  setGlobalShortcutReport(report: unknown): void {
    this.shortcutReport = report;
  }

  start(): void {
    this.started = true;
  }
  dispose(): Promise<void> {
    this.disposed = true;
    return this.disposeResult;
  }
  getSnapshot(): PhoneSnapshot {
    return this.snapshot;
  }
  onSnapshot(listener: (s: PhoneSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  push(snapshot: PhoneSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener(snapshot);
  }
}

/** A handler per contract method that refuses with a clear error (a stand-in without that feature). */
export function unavailableHandlers(): HandlersOf<IpcRequests> {
  const entries = ipcMethods.map((method) => [
    method,
    () => {
      throw new ContractFailure('unavailable', `FakePhone does not implement ${method}`);
    },
  ]);
  return Object.fromEntries(entries) as HandlersOf<IpcRequests>;
}
