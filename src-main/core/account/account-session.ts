import type { Invitation } from 'sip.js';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import type {
  AccountSummary,
  ColleagueSnapshot,
  ConnectionSnapshot,
  LineSnapshot,
  ParkSlotSnapshot,
  RegistrationSnapshot,
} from '../../../src-shared/domain/phone-snapshot.js';
import type { SoftphoneConfig } from '../../../src-shared/provisioning/softphone-config.js';
import { CallKeeper } from '../connection/call-keeper.js';
import type { ReconnectedListener } from '../connection/connection-supervisor.js';
import type { ConnectivityEvents } from '../connection/connectivity-events.js';
import type { ReconnectOptions } from '../connection/reconnect-options.js';
import { chooseCallerNumber } from '../dial/caller-number-choice.js';
import { resolveDialTarget } from '../dial/dial-target.js';
import { CallActions } from '../lines/call-actions.js';
import { asksForAutoAnswer, intercomRule } from '../lines/intercom.js';
import { LineRegistry, type LineEntry } from '../lines/line-registry.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import type { MediaHostLink } from '../media/media-host-link.js';
import { PresenceWatcher } from '../presence/presence-watcher.js';
import { settleWithin } from '../support/with-timeout.js';
import { DEFAULT_REJECT_STATUS, bindIncomingCall } from '../sip/incoming-call.js';
import { startOutgoingCall } from '../sip/outgoing-call.js';
import { identityFromNameAddr, parsePartyHeader } from '../sip/party-identity.js';
import { SipEndpoint } from '../sip/sip-endpoint.js';
import type { SipWebSocketFactory } from '../sip/sip-web-socket.js';

export interface AccountSessionOptions {
  config: SoftphoneConfig;
  mediaHost: MediaHostLink;
  createWebSocket: SipWebSocketFactory;
  logger: Logger;
  now: () => number;
  endedLineRetentionMs: number;
  sdhIdPrefix: string;
  userAgentString: string;
  /** something in the snapshot changed (registration, a line) */
  onChange: () => void;
  /** a line reached its final state (once per line, before the onChange of that change) */
  onLineEnded?: (line: LineSnapshot) => void;
  /** the user's setting "auto-answer intercom calls" (default: allowed) */
  autoAnswerAllowed?: () => boolean;
  /** reconnect backoff, call grace period, clock (defaults are the product's) */
  reconnect?: ReconnectOptions;
  /** the SIP server refused the credentials (offline, no retry): e.g. ask provisioning why */
  onCredentialsRefused?: () => void;
}

/** Lines at once when provisioning does not say (config.maxLines); more are refused as busy. */
export const DEFAULT_MAX_LINES = 4;
/**
 * Do-not-disturb answers 486 Busy Here, not 603 Decline: 486 means "not at this device", so the
 * PBX goes on ringing the other devices of a ring set and only tells the caller "busy" when
 * every device refused (final-status rule); 603 would say the person declines everywhere.
 */
export const DND_REJECT_STATUS = 486;
const REJECT_STATUS = { busy: 486, decline: 603 } as const;
const HANGUP_ON_CLOSE_TIMEOUT_MS = 1_000;

/** The provisioning token is gone (expired, revoked, ID removed): only a new login helps. */
export const LOGIN_EXPIRED_ERROR = Object.freeze({
  code: 'login-expired',
  message: 'ログインの有効期限が切れました。再度ログインしてください',
});
/** The server changed this ID's SIP connection settings: they apply at the next login. */
export const RELOGIN_REQUIRED_ERROR = Object.freeze({
  code: 'relogin-required',
  message: '接続設定が変更されました。再度ログインしてください',
});

export type ConfigUpdateOutcome = 'unchanged' | 'applied' | 'reloginRequired';

/**
 * Everything that exists while one ID is logged in: its provisioned config, its SIP endpoint
 * and its lines. Created by login, closed by logout; PhoneService composes its state into
 * snapshots.
 */
export class AccountSession {
  private accountSummary: AccountSummary;
  /** the provisioned config in force; `sip` stays the one the endpoint was started with */
  private config: SoftphoneConfig;
  private readonly endpoint: SipEndpoint;
  private readonly lines: LineRegistry;
  private registration: RegistrationSnapshot = { state: 'connecting', error: null };
  private closed = false;
  private loginExpired = false;
  private reloginRequired = false;
  private endpointStopping = false;
  private readonly presence: PresenceWatcher;
  /** established calls across a short connection loss (ICE restart after reconnecting) */
  private readonly callKeeper: CallKeeper;
  private dndOn = false;
  private wasRegistered = false;
  /** hold, resume, mute, DTMF, transfer, park, retrieve, pickup */
  readonly actions: CallActions;

  constructor(private readonly options: AccountSessionOptions) {
    const { config } = options;
    this.config = config;
    this.accountSummary = summaryOf(config);
    this.lines = new LineRegistry({
      now: options.now,
      endedLineRetentionMs: options.endedLineRetentionMs,
      onChange: () => this.changed(),
      ...(options.onLineEnded ? { onLineEnded: options.onLineEnded } : {}),
    });
    this.endpoint = new SipEndpoint({
      sip: config.sip,
      mediaHost: options.mediaHost,
      createWebSocket: options.createWebSocket,
      logger: options.logger,
      sdhIdPrefix: options.sdhIdPrefix,
      userAgentString: options.userAgentString,
      ...(options.reconnect ? { reconnect: options.reconnect } : {}),
      events: {
        registrationChanged: (registration) => {
          const refusedNow = registration.error?.code === 'sip-auth-failed' && this.registration.error?.code !== 'sip-auth-failed';
          this.registration = registration;
          this.followRegistration(registration.state === 'registered');
          this.changed();
          if (refusedNow && registration.state === 'failed') options.onCredentialsRefused?.();
        },
        incomingCall: (invitation) => this.receiveCall(invitation),
        connectionLost: () => this.callKeeper.connectionLost(),
      },
    });
    this.callKeeper = new CallKeeper({
      liveEntries: () => this.lines.liveEntries(),
      now: options.now,
      logger: options.logger.child({ component: 'call-keeper' }),
      ...(options.reconnect?.scheduler ? { scheduler: options.reconnect.scheduler } : {}),
      ...(options.reconnect?.callGraceMs !== undefined ? { graceMs: options.reconnect.callGraceMs } : {}),
    });
    this.endpoint.onReconnected(() => this.callKeeper.reconnected());
    this.presence = new PresenceWatcher({
      endpoint: this.endpoint,
      logger: options.logger.child({ component: 'presence' }),
      now: options.now,
      onChange: () => this.changed(),
    });
    this.presence.configure(config.colleagues ?? [], config.parkSlots ?? []);
    this.actions = new CallActions({
      lines: this.lines,
      config: () => this.config,
      domain: this.endpoint.domain,
      now: options.now,
      logger: options.logger,
      dial: (target) => this.dial(target, undefined),
    });
  }

  get dnd(): boolean {
    return this.dndOn;
  }

  /** connecting / registered / reconnecting (attempt, next retry) / offline, with the reason */
  get connectionState(): ConnectionSnapshot {
    return this.endpoint.connectionState;
  }

  /** Sleep, wake and network events from the host, for this account's connection. */
  get connectivity(): ConnectivityEvents {
    return this.endpoint.connectivity;
  }

  /**
   * Run `listener` after each re-registration on a new connection (not the first registration):
   * the place to re-subscribe. Returns the unsubscribe function.
   */
  onReconnected(listener: ReconnectedListener): () => void {
    return this.endpoint.onReconnected(listener);
  }

  /** Reconnect now instead of at the next scheduled retry (or out of offline). */
  retryConnection(): void {
    this.endpoint.retryNow();
  }

  /** Do-not-disturb: new calls are refused (see DND_REJECT_STATUS); calls already there go on. */
  setDnd(on: boolean): void {
    if (this.dndOn === on) return;
    this.dndOn = on;
    this.changed();
  }

  colleagueSnapshots(): ColleagueSnapshot[] {
    return this.presence.colleagueSnapshots();
  }

  parkSlotSnapshots(): ParkSlotSnapshot[] {
    return this.presence.parkSlotSnapshots();
  }

  get summary(): AccountSummary {
    return this.accountSummary;
  }

  /** the provisioned CRM / number-search templates (null = not set) */
  get linkTemplates(): { crm: string | null; numberSearch: string | null } {
    return { crm: this.config.links?.crm ?? null, numberSearch: this.config.links?.numberSearch ?? null };
  }

  get registrationState(): RegistrationSnapshot {
    if (this.loginExpired) return { state: 'failed', error: { ...LOGIN_EXPIRED_ERROR } };
    if (this.reloginRequired) return { state: this.registration.state, error: { ...RELOGIN_REQUIRED_ERROR } };
    return this.registration;
  }

  /**
   * A config pushed by the server while logged in (ConfigWatcher). Everything but the SIP
   * connection (account summary, caller numbers and default, feature codes, headers, DTMF mode)
   * applies at once, without re-registering. A changed SIP connection (WebSocket URL, URI,
   * digest user or secret) is not switched under live calls: the endpoint keeps running with the
   * old one and the registration shows 'relogin-required' until the user logs in again.
   */
  applyConfig(next: SoftphoneConfig): ConfigUpdateOutcome {
    if (this.closed) return 'unchanged';
    if (JSON.stringify(next) === JSON.stringify(this.config)) return 'unchanged';
    const sipChanged = !sameSipConnection(this.config.sip, next.sip);
    this.config = { ...next, sip: sipChanged ? this.config.sip : next.sip };
    this.accountSummary = summaryOf(next);
    if (sipChanged) this.reloginRequired = true;
    this.presence.configure(next.colleagues ?? [], next.parkSlots ?? []);
    this.changed();
    return sipChanged ? 'reloginRequired' : 'applied';
  }

  /**
   * The provisioning token is gone: show it, refuse new calls, and leave the SIP server once no
   * call is live (a call in progress is not cut because a token expired).
   */
  expireLogin(): void {
    if (this.closed || this.loginExpired) return;
    this.loginExpired = true;
    this.changed();
  }

  lineSnapshots(): LineSnapshot[] {
    return this.lines.snapshots();
  }

  /** Connect and register in the background; progress shows in the registration state. */
  start(): void {
    this.endpoint.start().catch((error: unknown) => {
      this.options.logger.error('SIP endpoint start failed', { error: errorMessage(error) });
    });
  }

  dial(target: string, callerNumber: string | undefined): { lineId: string } {
    if (this.loginExpired) throw new ContractFailure('unauthorized', LOGIN_EXPIRED_ERROR.message);
    if (!this.endpoint.isRegistered) {
      throw new ContractFailure('invalid-state', 'SIPサーバーに登録されていないため発信できません');
    }
    this.assertCapacity();
    const { uri, remoteNumber } = resolveDialTarget(target, this.endpoint.domain);
    const caller = chooseCallerNumber(callerNumber, this.config, this.endpoint.domain);
    const line = this.lines.add(
      {
        direction: 'outgoing',
        remoteNumber,
        remoteName: '',
        calledNumber: null,
        calledLabel: null,
        callerNumber: caller.shown,
      },
      (newLine) =>
        startOutgoingCall({
          inviter: this.endpoint.makeInviter(uri, {
            extraHeaders: caller.header ? [caller.header] : [],
            earlyMedia: true,
          }),
          line: newLine,
          now: this.options.now,
          logger: this.options.logger,
        }),
    );
    // a new call while talking: the current one goes on hold (not awaited: dialling is immediate)
    void this.actions.holdOthers(line.id);
    return { lineId: line.id };
  }

  /** Answer a ringing call; a call we are talking on is put on hold first (call waiting). */
  async answer(lineId: string): Promise<void> {
    const entry = this.lines.require(lineId);
    assertRingingIn(entry, '応答');
    await this.actions.holdOthers(lineId);
    await callControl(() => entry.control.answer());
  }

  /** busy → 486 Busy Here (the default), decline → 603 Decline. */
  async reject(lineId: string, reason: 'busy' | 'decline' = 'busy'): Promise<void> {
    const entry = this.lines.require(lineId);
    assertRingingIn(entry, '拒否');
    await callControl(() => entry.control.reject(reason === 'busy' ? DEFAULT_REJECT_STATUS : REJECT_STATUS.decline));
  }

  async hangup(lineId: string): Promise<void> {
    const entry = this.lines.require(lineId);
    if (!entry.line.isLive) throw new ContractFailure('invalid-state', 'この通話はすでに終了しています');
    await callControl(() => entry.control.hangup());
  }

  /** Hang up what is live (bounded wait), unregister, stop SIP, forget the lines. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.callKeeper.dispose();
    this.presence.dispose();
    this.actions.dispose();
    const live = this.lines.liveEntries();
    await settleWithin(Promise.all(live.map((entry) => entry.control.hangup().catch(() => undefined))), HANGUP_ON_CLOSE_TIMEOUT_MS);
    await this.endpoint.stop();
    this.lines.clear();
  }

  /** The media host was re-created: renegotiate the established calls' media on it. */
  mediaHostRestarted(): Promise<void> {
    return this.callKeeper.mediaHostRestarted();
  }

  private receiveCall(invitation: Invitation): void {
    const liveCount = this.lines.liveLines().length;
    if (this.closed || this.loginExpired || this.dndOn || liveCount >= this.maxLines()) {
      invitation.reject({ statusCode: this.dndOn ? DND_REJECT_STATUS : 486 }).catch(() => undefined);
      return;
    }
    const caller = identityFromNameAddr(invitation.remoteIdentity);
    const called = parsePartyHeader(invitation.request.getHeader(this.config.headers.calledParty));
    // the PBX's voice menu keys (X-IVR-Digits by default); anything but keys is not shown
    const ivrDigits = invitation.request.getHeader(this.config.headers.ivrDigits)?.trim();
    const rule = intercomRule(this.config.headers.intercom);
    // intercom only when the phone is idle: during a call it rings as call waiting instead
    const autoAnswer =
      (this.options.autoAnswerAllowed?.() ?? true) && liveCount === 0 && rule !== null && asksForAutoAnswer(rule, invitation.request.getHeaders(rule.header));
    const line = this.lines.add(
      {
        direction: 'incoming',
        remoteNumber: caller.number,
        remoteName: caller.name,
        calledNumber: called?.number || null,
        calledLabel: called?.name || null,
        callerNumber: null,
        callWaiting: liveCount > 0,
        ...(ivrDigits && /^[0-9*#]{1,16}$/.test(ivrDigits) ? { ivrDigits } : {}),
      },
      (newLine) => bindIncomingCall({ invitation, line: newLine, now: this.options.now, logger: this.options.logger }),
    );
    if (autoAnswer) {
      line.markAutoAnswered();
      this.answer(line.id).catch((error: unknown) => {
        this.options.logger.warn('auto-answer failed', { lineId: line.id, error: errorMessage(error) });
      });
    }
  }

  /** Subscriptions live on a registered connection: (re)subscribe on every new registration. */
  private followRegistration(registered: boolean): void {
    if (registered && !this.wasRegistered) this.presence.start();
    else if (!registered && this.wasRegistered) this.presence.suspend();
    this.wasRegistered = registered;
  }

  private maxLines(): number {
    return this.config.maxLines ?? DEFAULT_MAX_LINES;
  }

  private assertCapacity(): void {
    if (this.lines.liveLines().length >= this.maxLines()) {
      throw new ContractFailure('invalid-state', '同時に使える通話の数を超えています');
    }
  }

  private changed(): void {
    if (this.closed) return;
    this.options.onChange();
    if (this.loginExpired && !this.endpointStopping && this.lines.liveLines().length === 0) {
      this.endpointStopping = true;
      this.endpoint.stop().catch((error: unknown) => {
        this.options.logger.warn('SIP endpoint stop after login expiry failed', { error: errorMessage(error) });
      });
    }
  }
}

function summaryOf(config: SoftphoneConfig): AccountSummary {
  return {
    loginId: config.account.loginId,
    displayName: config.account.displayName,
    extension: config.account.extension,
    directNumber: config.account.directNumber,
    callerNumbers: config.callerNumbers.map((option) => ({ ...option })),
    defaultCallerNumber: config.defaultCallerNumber,
    ...(config.updates ? { updateFeedUrl: config.updates.feedUrl } : {}),
  };
}

/** What the SIP endpoint was started with, display name aside (the PBX names callers from its directory). */
function sameSipConnection(a: SoftphoneConfig['sip'], b: SoftphoneConfig['sip']): boolean {
  return a.wsUrl === b.wsUrl && a.uri === b.uri && a.authorizationUsername === b.authorizationUsername && a.password === b.password;
}

function assertRingingIn(entry: LineEntry, action: '応答' | '拒否'): void {
  const { line } = entry;
  if (line.direction === 'outgoing') throw new ContractFailure('invalid-state', `発信中の通話は${action}できません`);
  if (line.state === 'connected') throw new ContractFailure('invalid-state', 'すでに通話中です');
  if (line.state !== 'ringingIn') throw new ContractFailure('invalid-state', 'この着信はすでに終了しています');
}

/** SIP.js throws plain Errors (in English) for late or duplicate actions; users get Japanese. */
async function callControl(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof ContractFailure) throw error;
    // e.g. the far end hung up a moment before: the snapshot already tells the whole story
    throw new ContractFailure('invalid-state', '操作を完了できませんでした');
  }
}
