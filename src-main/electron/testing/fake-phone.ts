import type { HandlersOf } from '../../../src-shared/contract/define.js';
import type { IpcRequests } from '../../../src-shared/contract/ipc-contract.js';
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
  readonly handlers: HandlersOf<IpcRequests> = {
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
    'call.reject': () => null,
    'call.hangup': () => null,
    'history.list': () => [],
    'history.markSeen': () => null,
    'history.callback': (args) => {
      this.calls.push(`callback ${args.entryId}`);
      return { lineId: 'L9' };
    },
  };

  constructor(readonly mediaHost: MediaHostLink) {}

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
