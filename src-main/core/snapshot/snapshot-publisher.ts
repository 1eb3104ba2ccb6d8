import type { Logger } from '../logging/logger.js';
import { emptyPhoneSnapshot, type PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';

export type SnapshotListener = (snapshot: PhoneSnapshot) => void;

/**
 * Holds the current phone snapshot. Every change produces a new frozen snapshot with the next
 * version and is pushed to every listener, so windows can drop stale or duplicate pushes by
 * comparing versions.
 */
export class SnapshotPublisher {
  private current: PhoneSnapshot = freeze(emptyPhoneSnapshot());
  private readonly listeners = new Set<SnapshotListener>();

  constructor(private readonly logger: Logger) {}

  get snapshot(): PhoneSnapshot {
    return this.current;
  }

  /** Apply a change (everything but the version) and publish it. */
  update(change: (draft: Omit<PhoneSnapshot, 'version'>) => Omit<PhoneSnapshot, 'version'>): PhoneSnapshot {
    const { version: _version, ...rest } = this.current;
    const next = freeze({ ...change(rest), version: this.current.version + 1 });
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch (error) {
        // a faulty window transport must not break the phone or the other listeners
        this.logger.error('snapshot listener failed', { error: String(error) });
      }
    }
    return next;
  }

  subscribe(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  clearListeners(): void {
    this.listeners.clear();
  }
}

/** Snapshots are shared with every listener: freeze them so nobody edits another's copy. */
function freeze(snapshot: PhoneSnapshot): PhoneSnapshot {
  for (const line of snapshot.lines) Object.freeze(line);
  Object.freeze(snapshot.lines);
  if (snapshot.registration.error) Object.freeze(snapshot.registration.error);
  Object.freeze(snapshot.registration);
  if (snapshot.account) {
    for (const option of snapshot.account.callerNumbers) Object.freeze(option);
    Object.freeze(snapshot.account.callerNumbers);
    Object.freeze(snapshot.account);
  }
  return Object.freeze(snapshot);
}
