import {
  Inviter,
  Registerer,
  RegistererState,
  UserAgent,
  type Invitation,
  type InviterOptions,
  type URI,
} from 'sip.js';
import type { RegistrationSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import type { SoftphoneConfig } from '../../../src-shared/provisioning/softphone-config.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import type { MediaHostLink } from '../media/media-host-link.js';
import { settleWithin } from '../support/with-timeout.js';
import { ProxySessionDescriptionHandlerPool } from './proxy-session-description-handler.js';
import { registrationErrorForStatus, registrationErrors } from './registration-errors.js';
import type { SipWebSocketFactory } from './sip-web-socket.js';
import { createSipUserAgent } from './user-agent-factory.js';

export interface SipEndpointEvents {
  registrationChanged(registration: RegistrationSnapshot): void;
  incomingCall(invitation: Invitation): void;
  /** the SIP connection dropped: calls on it cannot continue */
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
}

const DEFAULT_REGISTER_EXPIRES_S = 600;
const DEFAULT_UNREGISTER_TIMEOUT_MS = 1_500;

/**
 * One account's presence on the SIP server: the UserAgent, its transport and its Registerer.
 * Reports registration as the snapshot shape (connecting → registered, or failed with a reason);
 * a rejected REGISTER is final (no retry loop), a dropped connection is reported. Reconnection
 * with backoff belongs here later: it is the only place that knows the transport.
 */
export class SipEndpoint {
  readonly domain: string;
  private readonly userAgent: UserAgent;
  private readonly registerer: Registerer;
  private readonly sdhPool: ProxySessionDescriptionHandlerPool;
  private registration: RegistrationSnapshot = { state: 'unregistered', error: null };
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
  }

  get registrationState(): RegistrationSnapshot {
    return this.registration;
  }

  get isRegistered(): boolean {
    return this.registration.state === 'registered';
  }

  /** Connect and REGISTER. Never rejects: the outcome is reported as registration state. */
  async start(): Promise<void> {
    this.report({ state: 'connecting', error: null });
    try {
      await this.userAgent.start();
    } catch (error) {
      this.options.logger.warn('SIP connect failed', { error: errorMessage(error) });
      this.report({ state: 'failed', error: registrationErrors.unreachable });
      return;
    }
    if (this.stopping) return;
    try {
      await this.registerer.register({
        requestDelegate: {
          onReject: (response) => {
            const status = response.message.statusCode ?? 0;
            this.options.logger.warn('REGISTER rejected', { status });
            this.report({ state: 'failed', error: registrationErrorForStatus(status) });
          },
        },
      });
    } catch (error) {
      this.options.logger.warn('REGISTER could not be sent', { error: errorMessage(error) });
      this.report({ state: 'failed', error: registrationErrors.unreachable });
    }
  }

  makeInviter(target: URI, options: InviterOptions): Inviter {
    return new Inviter(this.userAgent, target, options);
  }

  /**
   * Unregister (bounded wait), stop the UA, and release media of any session SIP.js left open.
   * Calls should be ended by the caller first. Never rejects; safe to call twice.
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
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
    if (state === RegistererState.Registered) {
      this.report({ state: 'registered', error: null });
    } else if (state === RegistererState.Unregistered && this.registration.state === 'registered') {
      // a refresh failed or the server dropped us; a rejected first REGISTER is reported by onReject
      this.report({ state: 'unregistered', error: registrationErrors.registrationLost });
    }
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
    this.report({ state: 'failed', error: registrationErrors.connectionLost });
    this.options.events.connectionLost();
  }

  private report(registration: RegistrationSnapshot): void {
    // after stop() the account is gone: PhoneService shows loggedOut, nothing more from here
    if (this.stopping) return;
    const same =
      registration.state === this.registration.state &&
      registration.error?.code === this.registration.error?.code;
    this.registration = registration;
    if (!same) this.options.events.registrationChanged(registration);
  }
}
