import type { Invitation } from 'sip.js';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import type {
  AccountSummary,
  LineSnapshot,
  RegistrationSnapshot,
} from '../../../src-shared/domain/phone-snapshot.js';
import type { SoftphoneConfig } from '../../../src-shared/provisioning/softphone-config.js';
import { chooseCallerNumber } from '../dial/caller-number-choice.js';
import { resolveDialTarget } from '../dial/dial-target.js';
import { LineRegistry, type LineEntry } from '../lines/line-registry.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import type { MediaHostLink } from '../media/media-host-link.js';
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
}

/** More simultaneous calls than a desk can handle are refused as busy. */
const MAX_LIVE_LINES = 8;
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
      events: {
        registrationChanged: (registration) => {
          this.registration = registration;
          this.changed();
        },
        incomingCall: (invitation) => this.receiveCall(invitation),
        connectionLost: () => this.dropLiveLines(),
      },
    });
  }

  get summary(): AccountSummary {
    return this.accountSummary;
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
    return { lineId: line.id };
  }

  async answer(lineId: string): Promise<void> {
    const entry = this.lines.require(lineId);
    assertRingingIn(entry, '応答');
    await callControl(() => entry.control.answer());
  }

  async reject(lineId: string): Promise<void> {
    const entry = this.lines.require(lineId);
    assertRingingIn(entry, '拒否');
    await callControl(() => entry.control.reject(DEFAULT_REJECT_STATUS));
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
    const live = this.lines.liveEntries();
    await settleWithin(Promise.all(live.map((entry) => entry.control.hangup().catch(() => undefined))), HANGUP_ON_CLOSE_TIMEOUT_MS);
    await this.endpoint.stop();
    this.lines.clear();
  }

  private receiveCall(invitation: Invitation): void {
    if (this.closed || this.loginExpired || this.lines.liveLines().length >= MAX_LIVE_LINES) {
      invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    const caller = identityFromNameAddr(invitation.remoteIdentity);
    const called = parsePartyHeader(invitation.request.getHeader(this.config.headers.calledParty));
    this.lines.add(
      {
        direction: 'incoming',
        remoteNumber: caller.number,
        remoteName: caller.name,
        calledNumber: called?.number || null,
        calledLabel: called?.name || null,
        callerNumber: null,
      },
      (line) => bindIncomingCall({ invitation, line, now: this.options.now, logger: this.options.logger }),
    );
  }

  /** The SIP connection is gone: its dialogs cannot be ended or continued over it. */
  private dropLiveLines(): void {
    for (const { line } of this.lines.liveEntries()) line.end('failed', this.options.now());
    this.endpoint.closeAllMedia();
  }

  private assertCapacity(): void {
    if (this.lines.liveLines().length >= MAX_LIVE_LINES) {
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
