import type { PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import type { PhoneClient } from '../client/phone-client.js';
import type { PhoneStore } from './phone-store.js';

/** Main is trusted, but a window must not break on a payload of the wrong shape. */
function looksLikeSnapshot(value: unknown): value is PhoneSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<PhoneSnapshot>;
  return (
    typeof candidate.version === 'number' &&
    Array.isArray(candidate.lines) &&
    typeof candidate.registration === 'object' &&
    candidate.registration !== null
  );
}

/**
 * Keep the store on main's latest snapshot: every pushed snapshot, plus one fetched at start
 * (a window may open after the last push). Returns the unsubscribe.
 */
export function syncSnapshots(client: PhoneClient, store: PhoneStore): () => void {
  const apply = (payload: unknown) => {
    if (looksLikeSnapshot(payload)) store.getState().applySnapshot(payload);
    else console.warn('[plusphone] ignored a malformed snapshot');
  };
  const unsubscribe = client.on('phone.snapshot', apply);
  void client.invoke('phone.getSnapshot', {}).then((result) => {
    if (result.ok) apply(result.value);
  });
  return unsubscribe;
}
