import type { ShortcutRegistration } from '../../src-shared/domain/global-shortcuts.js';
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
import type { ConnectivityEvents } from './connection/connectivity-events.js';
import type { ReconnectOptions } from './connection/reconnect-options.js';
import { createSilentLogger, errorMessage, type Logger } from './logging/logger.js';
import { AccountPhonebook } from './phonebook/account-phonebook.js';
import { phonebookHandlers } from './phonebook/phonebook-handlers.js';
import { callHandlers } from './lines/call-handlers.js';
import type { MediaHostLink } from './media/media-host-link.js';
import { ConfigWatcher, type Scheduler } from './provisioning/config-watcher.js';
import { loginToProvisioning } from './provisioning/provisioning-client.js';
import { createNodeSipWebSocket, type SipWebSocketFactory } from './sip/sip-web-socket.js';
import { SnapshotPublisher, type SnapshotListener } from './snapshot/snapshot-publisher.js';
import { LocalDatabase } from './storage/local-database.js';
import { SerialQueue } from './support/serial-queue.js';
import type { AccountSummary } from '../../src-shared/domain/phone-snapshot.js';
import type { LoginResponse } from '../../src-shared/provisioning/softphone-config.js';
import { audioHandlers } from './audio/audio-handlers.js';
import { AudioRouting } from './audio/audio-routing.js';
import { linkHandlers } from './links/link-handlers.js';
import { LinkService, type OpenExternal } from './links/link-service.js';
import { resumeProvisioning } from './provisioning/session-resume.js';
import { LoginMemory } from './secrets/login-memory.js';
import type { SecretStore } from './secrets/secret-store.js';
import { settingsHandlers } from './settings/settings-handlers.js';
import { SettingsStore } from './settings/settings-store.js';

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
  /** how often a logged-in phone syncs the Web電話帳 besides login and config changes (default 5 min) */
  phonebookSyncIntervalMs?: number;
  /** timers of config polling and token refresh (default: the global setTimeout/clearTimeout) */
  scheduler?: Scheduler;
  /** SIP reconnect backoff (default 0.5 s → 30 s, jittered), call grace period, clock: tests shorten them */
  reconnect?: ReconnectOptions;
  /**
   * Where the login token (and the password, when the user asks to be remembered) are kept:
   * Electron safeStorage in the shell, a 0600 file in Node. Absent: nothing is remembered, and
   * logout and dispose revoke the token.
   */
  secretStore?: SecretStore;
  /** `start()` runs account.resume in the background (the shells: log in again by themselves) */
  resumeAtStart?: boolean;
  /** opens a link in the user's browser (Electron: shell.openExternal); absent: links.open returns the URL */
  openExternal?: OpenExternal;
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
const DEFAULT_PHONEBOOK_SYNC_INTERVAL_MS = 5 * 60_000;
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
  /**
   * Sleep / wake / network events from the host (Electron powerMonitor, the page's online and
   * offline): they reach the logged-in account's connection; logged out they do nothing.
   */
  readonly connectivity: ConnectivityEvents = {
    suspend: () => this.account?.connectivity.suspend(),
    resume: () => {
      this.account?.connectivity.resume();
      // the token's refresh timer slept too: a login that expired meanwhile shows at once
      this.watcher?.checkNow();
    },
    networkChanged: (online) => {
      this.account?.connectivity.networkChanged(online);
      if (online) this.watcher?.checkNow();
    },
  };
  private lifecycle: Lifecycle = 'created';
  private readonly publisher: SnapshotPublisher;
  private readonly accountQueue = new SerialQueue();
  private account: AccountSession | undefined;
  private watcher: ConfigWatcher | undefined;
  private phonebook: AccountPhonebook | undefined;
  private accountCount = 0;
  /** aborts a login still waiting for the server when the service is disposed */
  private readonly shutdown = new AbortController();
  private readonly logger: Logger;
  private globalShortcutReport: ShortcutRegistration[] | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly createWebSocket: SipWebSocketFactory;
  private readonly database: LocalDatabase;
  private readonly history: CallHistory;
  private readonly settings: SettingsStore;
  private readonly audio: AudioRouting;
  private readonly links: LinkService;
  private readonly loginMemory: LoginMemory;

  constructor(private readonly options: PhoneServiceOptions) {
    this.logger = options.logger ?? createSilentLogger();
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.createWebSocket = options.createWebSocket ?? createNodeSipWebSocket;
    this.publisher = new SnapshotPublisher(this.logger);
    this.database = LocalDatabase.open(LocalDatabase.resolvePath(options));
    this.history = new CallHistory(this.database.db);
    this.settings = new SettingsStore(this.database.db, this.logger.child({ part: 'settings' }));
    this.audio = new AudioRouting({ mediaHost: options.mediaHost, settings: this.settings, logger: this.logger.child({ part: 'audio' }) });
    this.links = new LinkService({
      provisioned: () => this.account?.linkTemplates ?? null,
      overrides: () => this.settings.get().links,
      line: (lineId) => this.account?.lineSnapshots().find((line) => line.id === lineId),
      openExternal: options.openExternal,
      logger: this.logger.child({ part: 'links' }),
    });
    this.loginMemory = new LoginMemory(options.secretStore, this.logger.child({ part: 'secrets' }));
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
        await this.requireAccount().reject(args.lineId, args.reason);
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
      'connection.networkChanged': (args) => {
        this.connectivity.networkChanged(args.online);
        return null;
      },
      'connection.retry': () => {
        this.requireAccount().retryConnection();
        return null;
      },
      ...phonebookHandlers(() => this.requirePhonebook()),
      ...callHandlers(() => this.requireAccount()),
      ...settingsHandlers(this.settings),
      ...linkHandlers(this.links),
      ...audioHandlers(this.audio),
      'account.resume': () => this.accountQueue.run(() => this.resume()),
    };
  }

  /** The Electron shell's global shortcuts as the system took them: shown in settings via the snapshot. */
  setGlobalShortcutReport(report: readonly ShortcutRegistration[]): void {
    this.globalShortcutReport = report.map((entry) => ({ ...entry }));
    this.publish();
  }

  /** The shell re-created the media host (its renderer died): calls renegotiate onto the new one. */
  mediaHostRestarted(): void {
    this.account?.mediaHostRestarted().catch((error: unknown) => this.logger.warn('renegotiation after a media host restart failed', { error: errorMessage(error) }));
  }

  /** The Electron shell's powerMonitor (PhoneCore.systemEvent): the same as `connectivity`. */
  systemEvent(event: 'suspend' | 'resume'): void {
    if (event === 'suspend') this.connectivity.suspend();
    else this.connectivity.resume();
  }

  start(): void {
    if (this.lifecycle === 'disposed') throw new Error('PhoneService was disposed');
    if (this.lifecycle === 'started') return;
    this.lifecycle = 'started';
    this.settings.subscribe(() => this.publish());
    // ringtone, ringback and call waiting follow the lines (core/audio)
    this.publisher.subscribe((snapshot) => this.audio.linesChanged(snapshot.lines));
    this.audio.start();
    if (this.options.resumeAtStart) {
      this.accountQueue.run(() => this.resume()).catch((error: unknown) => {
        this.logger.warn('resuming the remembered login failed', { error: errorMessage(error) });
      });
    }
  }

  /** Log out (hang up, unregister, release media) and drop every listener. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.lifecycle === 'disposed') return;
    this.lifecycle = 'disposed';
    this.shutdown.abort();
    // a remembered token must outlive the app: only logout revokes it then
    await this.accountQueue.run(() => this.closeAccount({ revokeToken: !this.loginMemory.enabled }));
    this.audio.dispose();
    this.settings.dispose();
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

  /** `resumed`: a login response obtained with a remembered token (account.resume) instead of the password */
  private async login(args: { serverUrl: string; loginId: string; password: string; remember?: boolean | undefined }, resumed?: LoginResponse) {
    this.assertStarted();
    const response = resumed ?? (await loginToProvisioning(args, { fetch: this.fetchImpl, signal: this.shutdown.signal }));
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
      ...(this.options.reconnect ? { reconnect: this.options.reconnect } : {}),
      onChange: () => this.publish(),
      onLineEnded: (line) => this.recordCall(loginId, `${sessionKey}:${line.id}`, line),
      // refused SIP credentials: provisioning tells whether the login expired or the settings changed
      onCredentialsRefused: () => {
        if (this.account === session) this.watcher?.checkNow();
      },
      autoAnswerAllowed: () => this.settings.get().autoAnswerIntercom,
    });
    const phonebook = new AccountPhonebook({
      db: this.database.db,
      loginId,
      serverUrl: args.serverUrl,
      token: () => watcher.bearerToken,
      fetch: this.fetchImpl,
      logger: this.logger.child({ account: loginId, part: 'phonebook' }),
      now,
      syncIntervalMs: this.options.phonebookSyncIntervalMs ?? DEFAULT_PHONEBOOK_SYNC_INTERVAL_MS,
      ...(this.options.scheduler ? { scheduler: this.options.scheduler } : {}),
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
        // the Web電話帳 may have changed with it: fetch its changes now rather than at the next tick
        if (this.phonebook === phonebook) void phonebook.syncNow();
      },
      onSessionExpired: () => {
        if (this.account === session) session.expireLogin();
        void this.loginMemory.forgetSession();
      },
      onTokenRefreshed: (token) => void this.loginMemory.tokenRefreshed(token),
    });
    this.account = session;
    this.watcher = watcher;
    this.phonebook = phonebook;
    session.setDnd(this.settings.get().dndDefault);
    this.publish();
    await this.loginMemory.remember(
      { serverUrl: args.serverUrl, loginId: args.loginId, token: response.token },
      resumed ? { keep: true } : { keep: args.remember === true, value: args.password },
    );
    session.start();
    watcher.start();
    phonebook.start();
    return session.summary;
  }

  private async logout(): Promise<null> {
    this.assertStarted();
    await this.closeAccount();
    // logging out is "forget me on this PC"
    await this.loginMemory.forgetAll();
    return null;
  }

  /**
   * Log in with the remembered token (refresh, then config). A token the server refuses is
   * forgotten; then a remembered password is tried once; nothing left: null (show the login form).
   * An unreachable server keeps the token and throws, so the window can offer to try again.
   */
  private async resume(): Promise<AccountSummary | null> {
    this.assertStarted();
    if (this.account) return this.account.summary;
    const remembered = await this.loginMemory.session();
    if (!remembered) return null;
    let response: LoginResponse;
    try {
      response = await resumeProvisioning(remembered.serverUrl, remembered.token, { fetch: this.fetchImpl, signal: this.shutdown.signal });
    } catch (error) {
      if (!(error instanceof ContractFailure) || error.code !== 'unauthorized') throw error;
      await this.loginMemory.forgetSession();
      const password = await this.loginMemory.password();
      if (password === null) return null;
      try {
        return await this.login({ serverUrl: remembered.serverUrl, loginId: remembered.loginId, password, remember: true });
      } catch (loginError) {
        if (!(loginError instanceof ContractFailure) || loginError.code !== 'unauthorized') throw loginError;
        await this.loginMemory.forgetAll();
        return null;
      }
    }
    return this.login({ serverUrl: remembered.serverUrl, loginId: remembered.loginId, password: '' }, response);
  }

  /** Revoke the provisioning token (best effort, bounded), then hang up and unregister. */
  private async closeAccount({ revokeToken = true }: { revokeToken?: boolean } = {}): Promise<void> {
    const session = this.account;
    const watcher = this.watcher;
    if (!session) return;
    this.account = undefined;
    this.watcher = undefined;
    this.phonebook?.dispose();
    this.phonebook = undefined;
    if (revokeToken) await watcher?.logout(PROVISIONING_LOGOUT_TIMEOUT_MS);
    else watcher?.dispose();
    await session.close();
    this.publish();
  }

  private publish(): void {
    const session = this.account;
    this.publisher.update(() => ({
      account: session?.summary ?? null,
      registration: session?.registrationState ?? { state: 'loggedOut', error: null },
      lines: this.withContacts(session?.lineSnapshots() ?? []),
      missedCalls: session ? this.missedCallsOf(session.summary.loginId) : 0,
      dnd: session?.dnd ?? false,
      colleagues: session?.colleagueSnapshots() ?? [],
      parkSlots: session?.parkSlotSnapshots() ?? [],
      ...(session ? { connection: session.connectionState } : {}),
      settings: this.settings.get(),
      ...(this.globalShortcutReport ? { globalShortcuts: this.globalShortcutReport } : {}),
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

  /** Incoming lines carry who is calling, from the phonebooks; a failed lookup just shows no name. */
  private withContacts(lines: LineSnapshot[]): LineSnapshot[] {
    const phonebook = this.phonebook;
    if (!phonebook || !this.database.isOpen) return lines;
    return lines.map((line) => {
      if (line.direction !== 'incoming' || line.remoteNumber === '') return line;
      try {
        return { ...line, contact: phonebook.lookup(line.remoteNumber) };
      } catch (error) {
        this.logger.error('phonebook lookup failed', { error: errorMessage(error) });
        return line;
      }
    });
  }

  private requirePhonebook(): AccountPhonebook {
    this.requireAccount();
    if (!this.phonebook) throw new ContractFailure('invalid-state', 'ログインしていません');
    return this.phonebook;
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
