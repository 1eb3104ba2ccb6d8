import {
  Inviter,
  Registerer,
  RegistererState,
  Subscriber,
  UserAgent,
  type Invitation,
  type InviterOptions,
  type SubscriberOptions,
  type URI,
} from 'sip.js';
import type { ConnectionSnapshot, RegistrationSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import type { SoftphoneConfig } from '../../../src-shared/provisioning/softphone-config.js';
import { ConnectionSupervisor, type ReconnectedListener, type RegisteredListener } from '../connection/connection-supervisor.js';
import type { ConnectivityEvents } from '../connection/connectivity-events.js';
import type { ReconnectOptions } from '../connection/reconnect-options.js';
import { registrationOfConnection } from '../connection/registration-of-connection.js';
import { SipRegistrationTarget } from '../connection/sip-registration-target.js';
import type { Logger } from '../logging/logger.js';
import type { MediaHostLink } from '../media/media-host-link.js';
import { settleWithin } from '../support/with-timeout.js';
import { ProxySessionDescriptionHandlerPool } from './proxy-session-description-handler.js';
import { registrationErrors } from './registration-errors.js';
import type { SipWebSocketFactory } from './sip-web-socket.js';
import { createSipUserAgent } from './user-agent-factory.js';

export interface SipEndpointEvents {
  registrationChanged(registration: RegistrationSnapshot): void;
  incomingCall(invitation: Invitation): void;
  /** the SIP connection dropped (a reconnect follows): calls being set up cannot continue */
  connectionLost(): void;
}

export interface SipEndpointOptions {
  sip: SoftphoneConfig['sip'];
  mediaHost: MediaHostLink;
  createWebSocket: SipWebSocketFactory;
  logger: Logger;
  events: SipEndpointEvents;
  /** unique per endpoint on one media host, e.g. "a3" */
  sdhIdPrefix: string;
  userAgentString: string;
  registerExpiresSeconds?: number;
  /** how long stop() waits for the unREGISTER's answer before tearing down anyway */
  unregisterTimeoutMs?: number;
  /** backoff, clock and timers of reconnecting (defaults: 0.5 s → 30 s, real clock) */
  reconnect?: ReconnectOptions;
}

const DEFAULT_REGISTER_EXPIRES_S = 600;
const DEFAULT_UNREGISTER_TIMEOUT_MS = 1_500;

/**
 * One account's presence on the SIP server: the UserAgent, its transport and its Registerer.
 * A ConnectionSupervisor (connection/) connects, registers and reconnects with backoff; its
 * state is reported as the snapshot shapes (`connectionState`, and `registrationState` for the
 * older shape). Refused credentials are final (offline, no retry loop). The UserAgent lives as
 * long as the account, so dialogs of established calls outlive a new connection.
 */
export class SipEndpoint {
  readonly domain: string;
  private readonly userAgent: UserAgent;
  private readonly registerer: Registerer;
  private readonly sdhPool: ProxySessionDescriptionHandlerPool;
  private registration: RegistrationSnapshot = { state: 'unregistered', error: null };
  private readonly supervisor: ConnectionSupervisor;
  private stopping = false;

  constructor(private readonly options: SipEndpointOptions) {
    const aor = UserAgent.makeURI(options.sip.uri);
    if (!aor) throw new Error('invalid SIP URI');
    this.domain = aor.host;
    this.sdhPool = new ProxySessionDescriptionHandlerPool(
      options.mediaHost,
      options.logger.child({ component: 'sdh' }),
      options.sdhIdPrefix,
    );
    this.userAgent = createSipUserAgent({
      sip: options.sip,
      sessionDescriptionHandlerFactory: this.sdhPool.factory,
      createWebSocket: options.createWebSocket,
      logger: options.logger,
      userAgentString: options.userAgentString,
      delegate: {
        onInvite: (invitation) => this.handleInvite(invitation),
        onDisconnect: (error) => this.handleDisconnect(error),
      },
    });
    this.registerer = new Registerer(this.userAgent, {
      expires: options.registerExpiresSeconds ?? DEFAULT_REGISTER_EXPIRES_S,
    });
    this.registerer.stateChange.addListener(this.onRegistererState);
    const reconnect = options.reconnect ?? {};
    this.supervisor = new ConnectionSupervisor({
      target: new SipRegistrationTarget({
        userAgent: this.userAgent,
        registerer: this.registerer,
        logger: options.logger.child({ component: 'registration' }),
        ...(reconnect.attemptTimeoutMs !== undefined ? { attemptTimeoutMs: reconnect.attemptTimeoutMs } : {}),
        ...(reconnect.scheduler ? { scheduler: reconnect.scheduler } : {}),
      }),
      logger: options.logger.child({ component: 'connection' }),
      onChange: (connection) => this.report(registrationOfConnection(connection)),
      ...(reconnect.backoff ? { backoff: reconnect.backoff } : {}),
      ...(reconnect.random ? { random: reconnect.random } : {}),
      ...(reconnect.now ? { now: reconnect.now } : {}),
      ...(reconnect.scheduler ? { scheduler: reconnect.scheduler } : {}),
    });
  }

  get registrationState(): RegistrationSnapshot {
    return this.registration;
  }

  /** connecting / registered / reconnecting (attempt, next retry) / offline, with the reason */
  get connectionState(): ConnectionSnapshot {
    return this.supervisor.snapshot;
  }

  get isRegistered(): boolean {
    return this.supervisor.isRegistered;
  }

  /** Sleep, wake and network events from the host (see connection/connectivity-events.ts). */
  get connectivity(): ConnectivityEvents {
    return this.supervisor;
  }

  /** After each re-registration on a new connection (not the first): re-subscribe, restart media. */
  onReconnected(listener: ReconnectedListener): () => void {
    return this.supervisor.onReconnected(listener);
  }

  /** After every registration gained, the first one included. */
  onRegistered(listener: RegisteredListener): () => void {
    return this.supervisor.onRegistered(listener);
  }

  /** Try again now (e.g. the user's 再接続 while offline or waiting for the next retry). */
  retryNow(): void {
    this.supervisor.retryNow();
  }

  /** Connect and REGISTER, reconnecting as needed. Never rejects: progress shows as state. */
  async start(): Promise<void> {
    this.supervisor.start();
    return Promise.resolve();
  }

  makeInviter(target: URI, options: InviterOptions): Inviter {
    return new Inviter(this.userAgent, target, options);
  }

  /** An outgoing subscription (e.g. the dialog event package of a colleague or a park slot). */
  makeSubscriber(target: URI, eventType: string, options: SubscriberOptions): Subscriber {
    return new Subscriber(this.userAgent, target, eventType, options);
  }

  /**
   * Unregister (bounded wait), stop the UA, and release media of any session SIP.js left open.
   * Calls should be ended by the caller first. Never rejects; safe to call twice.
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.supervisor.dispose();
    this.userAgent.delegate = undefined;
    this.registerer.stateChange.removeListener(this.onRegistererState);
    // always dispose: it also clears the refresh timer of a registration whose connection dropped
    await settleWithin(this.registerer.dispose(), this.options.unregisterTimeoutMs ?? DEFAULT_UNREGISTER_TIMEOUT_MS);
    await settleWithin(this.userAgent.stop(), 2_000);
    this.sdhPool.closeAll();
  }

  /** Release the media of every session (used when the connection dropped under them). */
  closeAllMedia(): void {
    this.sdhPool.closeAll();
  }

  private readonly onRegistererState = (state: RegistererState): void => {
    if (this.stopping) return;
    // a refresh failed or expired: register again (an attempt's own failures are its outcome)
    if (state === RegistererState.Unregistered) this.supervisor.registrationLost(registrationErrors.registrationLost);
  };

  private handleInvite(invitation: Invitation): void {
    if (this.stopping) {
      invitation.reject({ statusCode: 480 }).catch(() => undefined);
      return;
    }
    this.options.events.incomingCall(invitation);
  }

  private handleDisconnect(error?: Error): void {
    if (this.stopping || !error) return;
    this.options.logger.warn('SIP connection lost', { error: error.message });
    this.supervisor.connectionLost(registrationErrors.connectionLost);
    this.options.events.connectionLost();
  }

  private report(registration: RegistrationSnapshot): void {
    // after stop() the account is gone: PhoneService shows loggedOut, nothing more from here
    if (this.stopping) return;
    // every connection change is told (a new attempt or retry time may keep the same registration)
    this.registration = registration;
    this.options.events.registrationChanged(registration);
  }
}
