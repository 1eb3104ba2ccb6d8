/**
 * The page's view of the network (`online` / `offline` on window), passed on to the core, which
 * goes offline until the network is back and then reconnects at once (issue 5 point 8). In the
 * browser host this is the only way the core hears of it; in Electron it adds to powerMonitor.
 */
export function forwardNetworkEvents(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>, send: (online: boolean) => void): () => void {
  const online = (): void => send(true);
  const offline = (): void => send(false);
  target.addEventListener('online', online);
  target.addEventListener('offline', offline);
  return () => {
    target.removeEventListener('online', online);
    target.removeEventListener('offline', offline);
  };
}
