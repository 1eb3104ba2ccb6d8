/**
 * When PlusPhone updates itself (electron-updater, generic provider on the server's update feed):
 * check shortly after start and then periodically, download in the background, install when the
 * app quits or when the user says so — and never while a call is up: an accepted install waits
 * for the last call to end.
 */
import type { Clock } from '../lifecycle/clock.js';

/** The slice of electron-updater's AppUpdater the policy drives. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  removeListener(event: 'update-downloaded', listener: (info: { version: string }) => void): this;
  removeListener(event: 'error', listener: (error: Error) => void): this;
}

export type UpdateState =
  | { kind: 'idle' }
  | { kind: 'ready'; version: string }
  /** the user accepted during a call: installs when the calls end */
  | { kind: 'installAfterCall'; version: string };

export interface UpdatePolicyOptions {
  updater: UpdaterLike;
  clock: Clock;
  inCall: () => boolean;
  onState: (state: UpdateState) => void;
  onError: (message: string) => void;
  firstCheckDelayMs?: number;
  checkIntervalMs?: number;
}

const DEFAULT_FIRST_CHECK_DELAY_MS = 60_000;
const DEFAULT_CHECK_INTERVAL_MS = 4 * 60 * 60_000;

export class UpdatePolicy {
  private state: UpdateState = { kind: 'idle' };
  private timer: unknown = null;
  private feedUrl: string | null = null;
  private started = false;
  private readonly onDownloaded = (info: { version: string }): void => this.setState({ kind: 'ready', version: String(info.version).slice(0, 64) });
  private readonly onUpdaterError = (error: Error): void => this.options.onError(error.message);

  constructor(private readonly options: UpdatePolicyOptions) {}

  get current(): UpdateState {
    return this.state;
  }

  /** Start (or re-point) checking against the feed provisioning named; only http(s) feeds. */
  start(feedUrl: string): void {
    let url: URL;
    try {
      url = new URL(feedUrl);
    } catch {
      this.options.onError(`update feed URL is not valid: ${feedUrl.slice(0, 200)}`);
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      this.options.onError(`update feed must be http(s): ${url.protocol}`);
      return;
    }
    const { updater } = this.options;
    if (!this.started) {
      updater.autoDownload = true; // in the background
      updater.autoInstallOnAppQuit = true;
      updater.on('update-downloaded', this.onDownloaded);
      updater.on('error', this.onUpdaterError);
      this.started = true;
    }
    if (this.feedUrl === url.href) return;
    this.feedUrl = url.href;
    updater.setFeedURL({ provider: 'generic', url: url.href });
    this.schedule(this.options.firstCheckDelayMs ?? DEFAULT_FIRST_CHECK_DELAY_MS);
  }

  /** The user accepted the update: now, or when the calls are over. */
  installWhenPossible(): UpdateState {
    if (this.state.kind === 'idle') return this.state;
    if (this.options.inCall()) {
      this.setState({ kind: 'installAfterCall', version: this.state.version });
      return this.state;
    }
    this.options.updater.quitAndInstall(false, true);
    return this.state;
  }

  /** Call on every phone state change: runs an install that waited for the calls to end. */
  callStateChanged(): void {
    if (this.state.kind === 'installAfterCall' && !this.options.inCall()) this.options.updater.quitAndInstall(false, true);
  }

  dispose(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.started) {
      this.options.updater.removeListener('update-downloaded', this.onDownloaded);
      this.options.updater.removeListener('error', this.onUpdaterError);
      this.started = false;
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      this.check();
      this.schedule(this.options.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS);
    }, delayMs);
  }

  private check(): void {
    if (this.state.kind !== 'idle') return; // one is downloaded already
    this.options.updater.checkForUpdates().catch((error: unknown) => this.options.onError(error instanceof Error ? error.message : String(error)));
  }

  private setState(state: UpdateState): void {
    this.state = state;
    this.options.onState(state);
  }
}
