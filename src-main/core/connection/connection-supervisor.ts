import type { ConnectionSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import { realScheduler, type Scheduler } from '../provisioning/config-watcher.js';
import type { RegistrationError } from '../sip/registration-errors.js';
import { registrationErrors } from '../sip/registration-errors.js';
import { connectionReasons } from './connection-reasons.js';
import type { ConnectivityEvents } from './connectivity-events.js';
import { DEFAULT_BACKOFF_POLICY, ReconnectBackoff, type BackoffPolicy } from './reconnect-backoff.js';

/** How one connect-and-register attempt ended. */
export type AttemptOutcome =
  | { kind: 'registered' }
  /** worth trying again later (server away, timeout, connection dropped during the attempt) */
  | { kind: 'retry'; reason: RegistrationError }
  /** trying again cannot help (credentials refused): offline until the user or an event acts */
  | { kind: 'fatal'; reason: RegistrationError };

export interface AttemptOptions {
  /** drop the transport first even if it looks connected (after sleep or a network change) */
  freshTransport: boolean;
}

/** What the supervisor drives: the SIP transport and registration of one account. */
export interface ConnectionTarget {
  /** Connect the transport if it is down, then REGISTER. Bounded in time; never rejects. */
  attempt(options: AttemptOptions): Promise<AttemptOutcome>;
}

/** Why the phone came back: what re-subscribers and the call keeper may want to know. */
export interface Reconnection {
  /** 'lost': the transport or registration dropped; 'resume' / 'network': a host event; 'retry': retryNow */
  cause: 'lost' | 'resume' | 'network' | 'retry';
  /** attempts it took (1 = the first try succeeded) */
  attempts: number;
}

/** A registration was gained: the first one after start(), or a recovery (`reconnection`). */
export interface RegisteredEvent {
  reconnection: Reconnection | null;
}

export type RegisteredListener = (event: RegisteredEvent) => void | Promise<void>;

export type ReconnectedListener = (reconnection: Reconnection) => void | Promise<void>;

export interface ConnectionSupervisorOptions {
  target: ConnectionTarget;
  logger: Logger;
  /** something in `snapshot` changed */
  onChange(snapshot: ConnectionSnapshot): void;
  backoff?: Partial<BackoffPolicy>;
  /** injected for deterministic tests; default Math.random / Date.now / global timers */
  random?: () => number;
  now?: () => number;
  scheduler?: Scheduler;
}

type Phase =
  | { name: 'idle' }
  /** the first attempt after start() */
  | { name: 'connecting' }
  | { name: 'registered' }
  /** lost: waiting for the next attempt (`timer`) or running it (`timer` undefined) */
  | { name: 'reconnecting'; cause: Reconnection['cause']; reason: RegistrationError; nextRetryAt: number | null; timer: unknown }
  | { name: 'offline'; reason: RegistrationError; why: 'suspended' | 'network' | 'fatal' }
  | { name: 'stopped' };

/**
 * The connection state machine of one account (issue 5 point 8):
 *
 *   start → connecting ─ok→ registered ─lost→ reconnecting(attempt n, next retry at t) ─ok→ registered
 *                      └retry→ reconnecting ──retry→ (backoff, jitter, cap) ──fatal→ offline
 *   any ─suspend / network down→ offline ─resume / network up / retryNow→ reconnecting at once
 *
 * Attempts never overlap: every event that supersedes one bumps `epoch`, and a late outcome
 * of an older epoch is ignored. After each recovery the `onReconnected` listeners run
 * (re-subscribe dialog events, ICE-restart established calls).
 */
export class ConnectionSupervisor implements ConnectivityEvents {
  private phase: Phase = { name: 'idle' };
  private epoch = 0;
  private readonly backoff: ReconnectBackoff;
  private readonly scheduler: Scheduler;
  private readonly now: () => number;
  private readonly registeredListeners = new Set<RegisteredListener>();
  /** recoveries are only those after a registration we had */
  private everRegistered = false;
  private current: ConnectionSnapshot = { state: 'connecting', attempt: 0, nextRetryAt: null, reason: null };

  constructor(private readonly options: ConnectionSupervisorOptions) {
    this.backoff = new ReconnectBackoff({ ...DEFAULT_BACKOFF_POLICY, ...options.backoff }, options.random ?? Math.random);
    this.scheduler = options.scheduler ?? realScheduler;
    this.now = options.now ?? Date.now;
  }

  get snapshot(): ConnectionSnapshot {
    return this.current;
  }

  get isRegistered(): boolean {
    return this.phase.name === 'registered';
  }

  /** The first connect and REGISTER. */
  start(): void {
    if (this.phase.name !== 'idle') return;
    this.phase = { name: 'connecting' };
    this.publish();
    void this.runAttempt(false);
  }

  /**
   * Called after every recovery, i.e. each registration after the first (re-subscribe,
   * ICE-restart calls). Listeners run in the order added; one that throws or rejects is logged
   * and does not stop the others. Returns the unsubscribe function.
   */
  onReconnected(listener: ReconnectedListener): () => void {
    return this.onRegistered(({ reconnection }) => (reconnection ? listener(reconnection) : undefined));
  }

  /** Called after every registration gained, the first one included (`reconnection` null). */
  onRegistered(listener: RegisteredListener): () => void {
    const wrapped: RegisteredListener = (event) => listener(event);
    this.registeredListeners.add(wrapped);
    return () => {
      this.registeredListeners.delete(wrapped);
    };
  }

  /** The transport closed or failed under a registered phone. */
  connectionLost(reason: RegistrationError = registrationErrors.connectionLost): void {
    // during an attempt the attempt's own outcome says what happened
    if (this.phase.name !== 'registered') return;
    this.options.logger.warn('SIP connection lost; reconnecting', { reason: reason.code });
    this.backoff.reset();
    this.scheduleRetry('lost', reason);
  }

  /** The registration ended (refresh refused, expired) while the transport may still be up. */
  registrationLost(reason: RegistrationError = registrationErrors.registrationLost): void {
    this.connectionLost(reason);
  }

  suspend(): void {
    if (!this.isActive()) return;
    this.goOffline('suspended', connectionReasons.suspended);
  }

  resume(): void {
    if (!this.isActive()) return;
    this.reconnectNow('resume', registrationErrors.connectionLost);
  }

  networkChanged(online: boolean): void {
    if (!this.isActive()) return;
    if (!online) this.goOffline('network', connectionReasons.networkDown);
    else this.reconnectNow('network', registrationErrors.connectionLost);
  }

  /** The user asked to try again (e.g. offline after refused credentials, or tired of waiting). */
  retryNow(): void {
    if (!this.isActive() || this.phase.name === 'registered' || this.phase.name === 'connecting') return;
    const phase = this.phase;
    if (phase.name !== 'reconnecting' && phase.name !== 'offline') return;
    if (phase.name === 'reconnecting' && phase.timer === undefined) return; // one is running
    this.reconnectNow('retry', phase.reason);
  }

  /** No more attempts, timers or listeners. Safe to call twice. */
  dispose(): void {
    this.cancelTimer();
    this.epoch += 1;
    this.phase = { name: 'stopped' };
    this.registeredListeners.clear();
  }

  private isActive(): boolean {
    return this.phase.name !== 'idle' && this.phase.name !== 'stopped';
  }

  private goOffline(why: 'suspended' | 'network', reason: RegistrationError): void {
    this.cancelTimer();
    this.epoch += 1; // an attempt in flight no longer counts
    this.phase = { name: 'offline', reason, why };
    this.options.logger.info('SIP connection offline', { reason: reason.code });
    this.publish();
  }

  /** Resume, network change, retry: try at once, backoff from the start. */
  private reconnectNow(cause: Reconnection['cause'], reason: RegistrationError): void {
    this.cancelTimer();
    this.epoch += 1;
    this.backoff.reset();
    this.backoff.next(); // counts as attempt 1; its delay is not used
    this.phase = { name: 'reconnecting', cause, reason, nextRetryAt: null, timer: undefined };
    this.publish();
    void this.runAttempt(cause === 'resume' || cause === 'network');
  }

  private scheduleRetry(cause: Reconnection['cause'], reason: RegistrationError): void {
    const delayMs = this.backoff.next();
    const epoch = this.epoch;
    const timer = this.scheduler.setTimeout(() => {
      if (epoch !== this.epoch || this.phase.name !== 'reconnecting') return;
      this.phase = { ...this.phase, nextRetryAt: null, timer: undefined };
      this.publish();
      void this.runAttempt(false);
    }, delayMs);
    this.phase = { name: 'reconnecting', cause, reason, nextRetryAt: this.now() + delayMs, timer };
    this.publish();
  }

  private async runAttempt(freshTransport: boolean): Promise<void> {
    const epoch = ++this.epoch;
    let outcome: AttemptOutcome;
    try {
      outcome = await this.options.target.attempt({ freshTransport });
    } catch (error) {
      // a target must not throw; if it does, treat it like an unreachable server
      this.options.logger.warn('connection attempt threw', { error: errorMessage(error) });
      outcome = { kind: 'retry', reason: registrationErrors.unreachable };
    }
    if (epoch !== this.epoch) return; // superseded (suspend, resume, dispose) while it ran
    const before = this.phase;
    if (outcome.kind === 'registered') {
      const attempts = this.backoff.attempt;
      this.backoff.reset();
      this.phase = { name: 'registered' };
      this.publish();
      const reconnection =
        this.everRegistered && before.name === 'reconnecting' ? { cause: before.cause, attempts: Math.max(attempts, 1) } : null;
      this.everRegistered = true;
      this.notifyRegistered({ reconnection });
      return;
    }
    if (outcome.kind === 'fatal') {
      this.options.logger.warn('SIP connection refused for good; offline', { reason: outcome.reason.code });
      this.phase = { name: 'offline', reason: outcome.reason, why: 'fatal' };
      this.publish();
      return;
    }
    const cause = before.name === 'reconnecting' ? before.cause : 'lost';
    this.scheduleRetry(cause, outcome.reason);
  }

  private notifyRegistered(event: RegisteredEvent): void {
    if (event.reconnection) this.options.logger.info('SIP connection recovered', { ...event.reconnection });
    for (const listener of [...this.registeredListeners]) {
      try {
        Promise.resolve(listener(event)).catch((error: unknown) =>
          this.options.logger.warn('registered listener failed', { error: errorMessage(error) }),
        );
      } catch (error) {
        this.options.logger.warn('registered listener failed', { error: errorMessage(error) });
      }
    }
  }

  private cancelTimer(): void {
    if (this.phase.name === 'reconnecting' && this.phase.timer !== undefined) this.scheduler.clearTimeout(this.phase.timer);
  }

  private publish(): void {
    const next = snapshotOf(this.phase, this.backoff.attempt);
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    this.options.onChange(next);
  }
}

function snapshotOf(phase: Phase, attempt: number): ConnectionSnapshot {
  switch (phase.name) {
    case 'idle':
    case 'connecting':
      return { state: 'connecting', attempt: 0, nextRetryAt: null, reason: null };
    case 'registered':
      return { state: 'registered', attempt: 0, nextRetryAt: null, reason: null };
    case 'reconnecting':
      return { state: 'reconnecting', attempt, nextRetryAt: phase.nextRetryAt, reason: { ...phase.reason } };
    case 'offline':
    case 'stopped':
      return { state: 'offline', attempt: 0, nextRetryAt: null, reason: phase.name === 'offline' ? { ...phase.reason } : null };
  }
}
