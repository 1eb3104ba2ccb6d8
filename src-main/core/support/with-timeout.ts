/**
 * Bound a promise in time. Used where the network may never answer (unREGISTER, BYE at
 * logout): the core must finish its lifecycle steps even when the server is gone.
 * Resolves `undefined` on timeout or rejection instead of throwing: callers only need to go on.
 */
export async function settleWithin<T>(promise: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([promise.catch(() => undefined), timeout]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
