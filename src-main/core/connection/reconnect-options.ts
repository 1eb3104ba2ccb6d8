import type { Scheduler } from '../provisioning/config-watcher.js';
import type { BackoffPolicy } from './reconnect-backoff.js';

/** How an account reconnects; every field has a product default (tests shorten or fake them). */
export interface ReconnectOptions {
  /** default 0.5 s → 30 s */
  backoff?: Partial<BackoffPolicy>;
  /** a REGISTER unanswered this long fails the attempt (default 10 s) */
  attemptTimeoutMs?: number;
  /** how long established calls wait for the connection to come back (default 15 s) */
  callGraceMs?: number;
  random?: () => number;
  now?: () => number;
  scheduler?: Scheduler;
}
