import type { PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';

export interface WaitOptions {
  timeoutMs?: number;
  /** what we wait for, for the failure message */
  description?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 10;

/**
 * Poll `probe` until it returns something other than undefined/false/null, then return it.
 * For conditions with no event to subscribe to (media stats, PBX stats, received audio).
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.description ?? 'a condition'}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

export interface SnapshotSource {
  getSnapshot(): PhoneSnapshot;
  onSnapshot(listener: (snapshot: PhoneSnapshot) => void): () => void;
}

/**
 * Resolve with the first snapshot (the current one or a later push) that satisfies `predicate`.
 * Event-driven: no polling.
 */
export function waitForSnapshot(
  source: SnapshotSource,
  predicate: (snapshot: PhoneSnapshot) => boolean,
  options: WaitOptions = {},
): Promise<PhoneSnapshot> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise<PhoneSnapshot>((resolve, reject) => {
    const current = source.getSnapshot();
    if (predicate(current)) {
      resolve(current);
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      const last = JSON.stringify(source.getSnapshot());
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${options.description ?? 'a snapshot'}; last: ${last}`));
    }, timeoutMs);
    const unsubscribe = source.onSnapshot((snapshot) => {
      if (!predicate(snapshot)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(snapshot);
    });
  });
}
