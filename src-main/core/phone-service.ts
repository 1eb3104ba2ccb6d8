import { randomUUID } from 'node:crypto';
import type { HandlersOf } from '../../src-shared/contract/define.js';
import type { IpcRequests } from '../../src-shared/contract/ipc-contract.js';
import { ContractFailure } from '../../src-shared/contract/result.js';
import type { PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import type { SoftphoneConfig } from '../../src-shared/provisioning/softphone-config.js';
import type { CallHistoryEntry } from '../../src-shared/domain/call-history.js';
import type { LineSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import { AccountSession } from './account/account-session.js';
import { CallHistory } from './history/call-history.js';
import { createSilentLogger, errorMessage, type Logger } from './logging/logger.js';
import type { MediaHostLink } from './media/media-host-link.js';
import { ConfigWatcher, type Scheduler } from './provisioning/config-watcher.js';
import { loginToProvisioning } from './provisioning/provisioning-client.js';
import { createNodeSipWebSocket, type SipWebSocketFactory } from './sip/sip-web-socket.js';
import { SnapshotPublisher, type SnapshotListener } from './snapshot/snapshot-publisher.js';
import { LocalDatabase } from './storage/local-database.js';
import { SerialQueue } from './support/serial-queue.js';

export interface PhoneServiceOptions {
  /** where RTCPeerConnections live (media window, browser page, or in-process in tests) */
  mediaHost: MediaHostLink;
  /** provisioning HTTP; defaults to the global fetch */
  fetch?: typeof fetch;
  /** the SIP WebSocket; defaults to `ws` (see sip/sip-web-socket.ts for why not the global) */
  createWebSocket?: SipWebSocketFactory;
  logger?: Logger;
  /** clock for line timestamps */
  now?: () => number;
  /** how long an ended line stays in snapshots (default 4 s) */
  endedLineRetentionMs?: number;
  /**
   * Diagnostics and test seam: adjust the provisioned config before the SIP account starts
   * (e.g. a wrong digest secret to exercise the registration-failure path). Not for product use.
   */
  adjustProvisionedConfig?: (config: SoftphoneConfig) => SoftphoneConfig;
  /** how often a logged-in phone asks the server for a changed config (default 30 s) */
  configPollIntervalMs?: number;
  /** timers of config polling and token refresh (default: the global setTimeout/clearTimeout) */
  scheduler?: Scheduler;
  /**
   * Where the local database (history) lives: `databasePath` exactly, or `plusphone.sqlite3`
   * inside `dataDir` (Electron: userData). Neither: in memory, gone at dispose.
   */
  dataDir?: string;
  databasePath?: string;
}

const USER_AGENT = 'PlusPhone/0.1';
const DEFAULT_ENDED_LINE_RETENTION_MS = 4_000;
const DEFAULT_CONFIG_POLL_INTERVAL_MS = 30_000;
/** logout revokes the token first, but never waits longer than this for the server */
const PROVISIONING_LOGOUT_TIMEOUT_MS = 2_000;

type Lifecycle = 'created' | 'started' | 'disposed';

/**
 * The softphone core: one per softphone (Electron main, or one per page in the browser host).
 * Windows send intents through `handlers` (arguments validated by dispatchRequest first) and
 * receive state as versioned snapshots. Handlers throw only ContractFailure, which the
 * dispatcher returns as `{ok:false}`. Never imports Electron.
 */
export class PhoneService {
  readonly handlers: HandlersOf<IpcRequests>;
  private lifecycle: Lifecycle = 'created';
  private readonly publisher: SnapshotPublisher;
  private readonly accountQueue = new SerialQueue();
  private account: AccountSession | undefined;
  private watcher: ConfigWatcher | undefined;
  private accountCount = 0;
  /** aborts a login still waiting for the server when the service is disposed */
  private readonly shutdown = new AbortController();
  private readonly logger: Logger;
  private readonly fetchImpl: typeof fetch;
  private readonly createWebSocket: SipWebSocketFactory;
  private readonly database: LocalDatabase;
  private readonly history: CallHistory;

  constructor(private readonly options: PhoneServiceOptions) {
    this.logger = options.logger ?? createSilentLogger();
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.createWebSocket = options.createWebSocket ?? createNodeSipWebSocket;
    this.publisher = new SnapshotPublisher(this.logger);
    this.database = LocalDatabase.open(LocalDatabase.resolvePath(options));
    this.history = new CallHistory(this.database.db);
    this.handlers = {
      'account.login': (args) => this.accountQueue.run(() => this.login(args)),
      'account.logout': () => this.accountQueue.run(() => this.logout()),
      'phone.getSnapshot': () => this.getSnapshot(),
      'call.dial': (args) => this.requireAccount().dial(args.target, args.callerNumber),
      'call.answer': async (args) => {
        await this.requireAccount().answer(args.lineId);
        return null;
      },
      'call.reject': async (args) => {
        await this.requireAccount().reject(args.lineId);
        return null;
      },
      'call.hangup': async (args) => {
        await this.requireAccount().hangup(args.lineId);
        return null;
      },
      'history.list': (args) => this.history.list(this.requireAccount().summary.loginId, args),
      'history.markSeen': () => {
        const account = this.requireAccount();
        if (this.history.markSeen(account.summary.loginId) > 0) this.publish();
        return null;
      },
      'history.callback': (args) => this.callback(args.entryId),
    };
  }

  start(): void {
    if (this.lifecycle === 'disposed') throw new Error('PhoneService was disposed');
    this.lifecycle = 'started';
  }

  /** Log out (hang up, unregister, release media) and drop every listener. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.lifecycle === 'disposed') return;
    this.lifecycle = 'disposed';
    this.shutdown.abort();
    await this.accountQueue.run(() => this.closeAccount());
    this.publisher.clearListeners();
    this.database.close();
  }

  getSnapshot(): PhoneSnapshot {
    return this.publisher.snapshot;
  }

  /** Called with every new snapshot (not with the current one: use getSnapshot for that). */
  onSnapshot(listener: SnapshotListener): () => void {
    return this.publisher.subscribe(listener);
  }

  private async login(args: { serverUrl: string; loginId: string; password: string }) {
    this.assertStarted();
    const response = await loginToProvisioning(args, { fetch: this.fetchImpl, signal: this.shutdown.signal });
    this.assertStarted();
    const adjust = (provisioned: SoftphoneConfig): SoftphoneConfig => this.options.adjustProvisionedConfig?.(provisioned) ?? provisioned;
    const config = adjust(response.config);
    await this.closeAccount();
    const now = this.options.now ?? Date.now;
    const loginId = config.account.loginId;
    // call keys are unique across logins and restarts: the line ids start again at line-1
    const sessionKey = randomUUID();
    const session = new AccountSession({
      config,
      mediaHost: this.options.mediaHost,
      createWebSocket: this.createWebSocket,
      logger: this.logger.child({ account: config.account.loginId }),
      now,
      endedLineRetentionMs: this.options.endedLineRetentionMs ?? DEFAULT_ENDED_LINE_RETENTION_MS,
      sdhIdPrefix: `a${++this.accountCount}`,
      userAgentString: USER_AGENT,
      onChange: () => this.publish(),
      onLineEnded: (line) => this.recordCall(loginId, `${sessionKey}:${line.id}`, line),
    });
    const watcher = new ConfigWatcher({
      serverUrl: args.serverUrl,
      token: response.token,
      expiresAt: response.expiresAt,
      initialConfig: response.config,
      fetch: this.fetchImpl,
      pollIntervalMs: this.options.configPollIntervalMs ?? DEFAULT_CONFIG_POLL_INTERVAL_MS,
      now,
      logger: this.logger.child({ account: config.account.loginId, part: 'config-watcher' }),
      ...(this.options.scheduler ? { scheduler: this.options.scheduler } : {}),
      onConfig: (provisioned) => {
        // a changed SIP connection shows as 'relogin-required'; polling goes on for the rest
        if (this.account === session) session.applyConfig(adjust(provisioned));
      },
      onSessionExpired: () => {
        if (this.account === session) session.expireLogin();
      },
    });
    this.account = session;
    this.watcher = watcher;
    this.publish();
    session.start();
    watcher.start();
    return session.summary;
  }

  private async logout(): Promise<null> {
    this.assertStarted();
    await this.closeAccount();
    return null;
  }

  /** Revoke the provisioning token (best effort, bounded), then hang up and unregister. */
  private async closeAccount(): Promise<void> {
    const session = this.account;
    const watcher = this.watcher;
    if (!session) return;
    this.account = undefined;
    this.watcher = undefined;
    await watcher?.logout(PROVISIONING_LOGOUT_TIMEOUT_MS);
    await session.close();
    this.publish();
  }

  private publish(): void {
    const session = this.account;
    this.publisher.update(() => ({
      account: session?.summary ?? null,
      registration: session?.registrationState ?? { state: 'loggedOut', error: null },
      lines: session?.lineSnapshots() ?? [],
      missedCalls: session ? this.missedCallsOf(session.summary.loginId) : 0,
    }));
  }

  /** Never throws into the SIP event that ended the line: a failed write is logged. */
  private recordCall(loginId: string, callKey: string, line: LineSnapshot): void {
    if (!this.database.isOpen) return;
    try {
      this.history.record(loginId, callKey, line);
    } catch (error) {
      this.logger.error('recording call history failed', { error: errorMessage(error) });
    }
  }

  private missedCallsOf(loginId: string): number {
    if (!this.database.isOpen) return 0;
    try {
      return this.history.missedCount(loginId);
    } catch (error) {
      this.logger.error('reading missed calls failed', { error: errorMessage(error) });
      return 0;
    }
  }

  /** Dial an entry's remote number the way call.dial does; an incoming call to one of our caller numbers is returned from it. */
  private callback(entryId: number): { lineId: string } {
    const account = this.requireAccount();
    const entry: CallHistoryEntry | null = this.history.get(account.summary.loginId, entryId);
    if (!entry) throw new ContractFailure('not-found', '指定された履歴が見つかりません');
    if (!entry.remoteNumber) throw new ContractFailure('invalid-state', '番号が通知されていないため折り返せません');
    const calledIsOurs =
      entry.direction === 'incoming' && account.summary.callerNumbers.some((option) => option.number === entry.calledNumber);
    return account.dial(entry.remoteNumber, calledIsOurs ? (entry.calledNumber ?? undefined) : undefined);
  }

  private requireAccount(): AccountSession {
    this.assertStarted();
    if (!this.account) throw new ContractFailure('invalid-state', 'ログインしていません');
    return this.account;
  }

  private assertStarted(): void {
    if (this.lifecycle === 'created') throw new ContractFailure('unavailable', 'ソフトフォンが起動していません');
    if (this.lifecycle === 'disposed') throw new ContractFailure('unavailable', 'ソフトフォンは終了しました');
  }
}
