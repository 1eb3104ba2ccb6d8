import { TransportState, type Emitter, type Registerer, type UserAgent } from 'sip.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import { realScheduler, type Scheduler } from '../provisioning/config-watcher.js';
import { registrationErrorForStatus, registrationErrors } from '../sip/registration-errors.js';
import type { AttemptOptions, AttemptOutcome, ConnectionTarget } from './connection-supervisor.js';

export interface SipRegistrationTargetOptions {
  userAgent: UserAgent;
  registerer: Registerer;
  logger: Logger;
  /** a REGISTER (or a wait for an older one) unanswered this long counts as a failed attempt (default 10 s) */
  attemptTimeoutMs?: number;
  scheduler?: Scheduler;
}

const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * Credentials refused or the user unknown: asking again with the same ones cannot help.
 * 423 never gets here (SIP.js retries it with Min-Expires itself).
 */
const FATAL_REGISTER_STATUSES = new Set([401, 403, 404, 407]);

/** Registerer internals SIP.js keeps private; read only, to avoid a REGISTER it would refuse. */
interface RegistererWaiting {
  readonly waiting: boolean;
  readonly waitingChange: Emitter<boolean>;
}

/**
 * One connect-and-REGISTER attempt for the ConnectionSupervisor, over one SIP.js UserAgent
 * (kept for the account's life, so dialogs of established calls survive a new connection) and
 * its Registerer. Bounded: a REGISTER that gets no answer, or a connection that drops during
 * the attempt, ends it as 'retry' instead of waiting for SIP.js's 32 s transaction timeout.
 */
export class SipRegistrationTarget implements ConnectionTarget {
  private readonly scheduler: Scheduler;
  private readonly timeoutMs: number;
  /** the UserAgent is started once; afterwards only its transport reconnects (a stopped UA stays stopped) */
  private started = false;

  constructor(private readonly options: SipRegistrationTargetOptions) {
    this.scheduler = options.scheduler ?? realScheduler;
    this.timeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  }

  async attempt({ freshTransport }: AttemptOptions): Promise<AttemptOutcome> {
    const { userAgent, logger } = this.options;
    try {
      if (!this.started) {
        this.started = true;
        await userAgent.start();
      } else {
        // after sleep or a network change the old socket may look open but lead nowhere
        if (freshTransport && userAgent.transport.isConnected()) await userAgent.transport.disconnect();
        if (!userAgent.transport.isConnected()) await userAgent.reconnect();
      }
    } catch (error) {
      logger.info('SIP connect failed', { error: errorMessage(error) });
      return { kind: 'retry', reason: registrationErrors.unreachable };
    }
    if (!(await this.registererIdle())) {
      logger.info('an earlier REGISTER is still unanswered; trying later');
      return { kind: 'retry', reason: registrationErrors.timeout };
    }
    return this.register();
  }

  /** SIP.js refuses a REGISTER while one is outstanding (RFC 3261 §10.2): wait for it, bounded. */
  private registererIdle(): Promise<boolean> {
    const registerer = this.options.registerer as unknown as RegistererWaiting;
    if (!registerer.waiting) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = this.scheduler.setTimeout(() => finish(false), this.timeoutMs);
      const onWaiting = (waiting: boolean): void => {
        if (!waiting) finish(true);
      };
      const finish = (idle: boolean): void => {
        this.scheduler.clearTimeout(timer);
        registerer.waitingChange.removeListener(onWaiting);
        resolve(idle);
      };
      registerer.waitingChange.addListener(onWaiting);
    });
  }

  private register(): Promise<AttemptOutcome> {
    const { userAgent, registerer, logger } = this.options;
    return new Promise<AttemptOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: AttemptOutcome): void => {
        if (settled) return;
        settled = true;
        this.scheduler.clearTimeout(timer);
        userAgent.transport.stateChange.removeListener(onTransport);
        resolve(outcome);
      };
      const timer = this.scheduler.setTimeout(() => {
        logger.warn('REGISTER unanswered; dropping the connection');
        finish({ kind: 'retry', reason: registrationErrors.timeout });
        // the socket may be dead without knowing it: the next attempt starts on a new one
        userAgent.transport.disconnect().catch(() => undefined);
      }, this.timeoutMs);
      const onTransport = (state: TransportState): void => {
        if (state === TransportState.Disconnected || state === TransportState.Disconnecting) {
          finish({ kind: 'retry', reason: registrationErrors.connectionLost });
        }
      };
      userAgent.transport.stateChange.addListener(onTransport);
      const refused = (error: unknown): void => {
        logger.warn('REGISTER could not be sent', { error: errorMessage(error) });
        finish({ kind: 'retry', reason: registrationErrors.unreachable });
      };
      let sent: Promise<unknown>;
      try {
        sent = registerer.register({
          requestDelegate: {
            onAccept: () => finish({ kind: 'registered' }),
            onReject: (response) => {
              const status = response.message.statusCode ?? 0;
              logger.warn('REGISTER rejected', { status });
              const reason = registrationErrorForStatus(status);
              finish(FATAL_REGISTER_STATUSES.has(status) ? { kind: 'fatal', reason } : { kind: 'retry', reason });
            },
          },
        });
      } catch (error) {
        // a disposed Registerer throws instead of rejecting (the account is being closed)
        refused(error);
        return;
      }
      sent.catch(refused);
    });
  }
}
