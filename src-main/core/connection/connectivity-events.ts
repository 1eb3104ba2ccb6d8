/**
 * What the host knows about the machine and the core does not: sleep and wake, and the network
 * coming and going. The Electron shell feeds it from `powerMonitor` (suspend / resume) and the
 * browser host from the page's `online` / `offline` events; tests call it directly.
 * Every method is safe to call at any time, also while logged out (then it does nothing).
 */
export interface ConnectivityEvents {
  /** the machine is going to sleep: stop retrying, nothing works until resume */
  suspend(): void;
  /** the machine woke up: reconnect at once (backoff starts again) */
  resume(): void;
  /**
   * The network changed: `online: false` → offline until the next change; `online: true`
   * (also a switch from one network to another) → reconnect at once.
   */
  networkChanged(online: boolean): void;
}
