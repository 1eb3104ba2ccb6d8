import type { PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import type { Logger } from '../core/logging/logger.js';
import { errorMessage } from '../core/logging/logger.js';
import type { AppPages } from './app-pages.js';
import type { CancellableEvent, ElectronApi, IpcSenderEvent, WebContentsLike } from './electron-api.js';
import { ElectronMediaHostLink } from './ipc/electron-media-host-link.js';
import { IpcRequestRouter } from './ipc/ipc-request-router.js';
import { isTrustedSender } from './ipc/sender-policy.js';
import { TopicPublisher } from './ipc/topic-publisher.js';
import { systemClock, type Clock } from './lifecycle/clock.js';
import { DisposerStack } from './lifecycle/disposer-stack.js';
import { DesktopServices } from './desktop/desktop-services.js';
import { PhoneActions } from './desktop/phone-actions.js';
import type { ShortcutRegistration } from '../../src-shared/domain/global-shortcuts.js';
import type { PhoneCore, PhoneCoreFactory } from './phone-core.js';
import { guardWebContents } from './security/contents-guard.js';
import { ExternalLinkOpener } from './security/external-links.js';
import { installPermissionPolicy } from './security/permission-policy.js';
import { mainWindowCloseAction } from './windows/main-window-close-policy.js';
import { UI_WINDOW_KINDS } from './windows/window-kind.js';
import { WindowManager } from './windows/window-manager.js';
import type { MainWindowBoundsMemory } from './windows/main-window-slot.js';

export interface ShellAppOptions {
  electron: ElectronApi;
  pages: AppPages;
  /** absolute path of the built preload (out/preload/index.cjs) */
  preloadPath: string;
  createPhone: PhoneCoreFactory;
  logger: Logger;
  clock?: Clock;
  /** how long quitting waits for the core to unregister and hang up */
  disposeTimeoutMs?: number;
  /** where the main window was last left (absent: the default place every time) */
  mainWindowBounds?: MainWindowBoundsMemory;
}

export type ShellStartOutcome = 'started' | 'secondary-instance' | 'disposed';

const DEFAULT_DISPOSE_TIMEOUT_MS = 3_000;

/**
 * The Electron shell as one object with a lifecycle. start(): single-instance lock, security
 * policies, the phone core with its media link, the IPC contract, the windows, snapshot push.
 * dispose(): the reverse, waiting (bounded) for the core to hang up and unregister. Every app
 * and IPC listener is registered here or in the parts it owns, and removed on dispose.
 */
export class ShellApp {
  private readonly clock: Clock;
  private readonly disposers: DisposerStack;
  private quitting = false;
  private disposing: Promise<void> | null = null;
  private windows: WindowManager | null = null;
  private phone: PhoneCore | null = null;
  private link: ElectronMediaHostLink | null = null;
  private router: IpcRequestRouter | null = null;
  private desktop: DesktopServices | null = null;

  constructor(private readonly options: ShellAppOptions) {
    this.clock = options.clock ?? systemClock;
    this.disposers = new DisposerStack((error) =>
      options.logger.error('a shell dispose step failed', { error: errorMessage(error) }),
    );
  }

  async start(): Promise<ShellStartOutcome> {
    const { app } = this.options.electron;
    if (!app.requestSingleInstanceLock()) {
      // the running instance gets 'second-instance' and shows itself
      app.quit();
      return 'secondary-instance';
    }
    this.listenToApp();
    await app.whenReady();
    if (this.disposing !== null) return 'disposed';
    this.startParts();
    return 'started';
  }

  /** the desktop integration, once started (null without one) */
  get desktopServices(): DesktopServices | null {
    return this.desktop;
  }

  isQuitting(): boolean {
    return this.quitting;
  }

  /** Shuts down in order: no more IPC, the core hangs up (bounded), then media and windows. */
  dispose(): Promise<void> {
    this.quitting = true;
    this.disposing ??= this.disposeParts();
    return this.disposing;
  }

  private listenToApp(): void {
    const { app } = this.options.electron;
    const links = new ExternalLinkOpener(this.options.electron.shell, this.options.logger);
    const onContentsCreated = (_event: unknown, contents: WebContentsLike): void => {
      // lives as long as the web contents; no window of this app can escape it
      guardWebContents(contents, {
        isOwnPage: (url) => this.options.pages.isOwnPage(url),
        openExternal: (url) => void links.open(url),
      });
    };
    const onSecondInstance = (_event: unknown, argv: string[]): void => {
      this.windows?.showMain();
      // `PlusPhone.exe --dial 0312345678` or a tel: link while we run: the second process forwards it here
      this.desktop?.handleArgv(argv);
    };
    const onBeforeQuit = (event: CancellableEvent): void => {
      this.quitting = true;
      if (this.disposing !== null) return;
      // let the core hang up and unregister first, then quit for real
      event.preventDefault();
      void this.dispose().finally(() => app.quit());
    };
    const onAllClosed = (): void => app.quit();

    app.on('web-contents-created', onContentsCreated);
    app.on('second-instance', onSecondInstance);
    app.on('before-quit', onBeforeQuit);
    app.on('window-all-closed', onAllClosed);
    this.disposers.push(() => {
      app.removeListener('web-contents-created', onContentsCreated);
      app.removeListener('second-instance', onSecondInstance);
      app.removeListener('before-quit', onBeforeQuit);
      app.removeListener('window-all-closed', onAllClosed);
    });
  }

  private startParts(): void {
    const { electron, pages } = this.options;
    this.disposers.push(installPermissionPolicy(electron.defaultSession(), (url) => pages.isOwnPage(url)));
    const { link, windows, phone, router } = this.assembleParts();
    this.link = link;
    this.windows = windows;
    this.phone = phone;
    this.router = router;

    const publisher = new TopicPublisher(() => windows.uiContents(), this.options.logger);
    link.start();
    router.start();
    windows.start();
    this.disposers.push(
      phone.onSnapshot((snapshot) => {
        publisher.publish('phone.snapshot', snapshot);
        this.applyToWindows(snapshot);
        this.desktop?.update(snapshot);
      }),
    );
    phone.start();

    const initial = phone.getSnapshot();
    this.applyToWindows(initial);
    this.desktop = this.startDesktop(phone, windows, (report) => phone.setGlobalShortcutReport?.(report));
    // A login is needed: show the window (also with a tray, a first start must not be invisible);
    // a logged-in phone starts hidden and pops up only for calls.
    if (initial.account === null) windows.showMain();
  }

  private startDesktop(
    phone: PhoneCore,
    windows: WindowManager,
    onShortcutReport: (report: readonly ShortcutRegistration[]) => void,
  ): DesktopServices | null {
    const api = this.options.electron.desktop;
    if (!api) return null;
    const desktop = new DesktopServices({
      api,
      actions: new PhoneActions(() => this.phone),
      windows: { showMain: () => windows.showMain(), toggleMain: () => windows.toggleMain() },
      snapshot: () => phone.getSnapshot(),
      requestQuit: () => this.options.electron.app.quit(),
      onSystemEvent: (event) => phone.systemEvent?.(event),
      logger: this.options.logger.child({ component: 'desktop' }),
      clock: this.clock,
      updateFeedUrl: () => phone.getSnapshot().account?.updateFeedUrl,
      onShortcutReport,
    });
    try {
      desktop.start();
    } catch (error) {
      this.options.logger.error('desktop integration failed to start', { error: errorMessage(error) });
    }
    this.disposers.push(() => desktop.dispose());
    return desktop;
  }

  /** The parts and how they reach each other (lazily: the link and the windows need each other). */
  private assembleParts() {
    const { electron, pages, logger } = this.options;
    const senderDeps = {
      pages,
      kindOf: (contents: WebContentsLike) => this.windows?.kindOf(contents) ?? null,
    };
    const link = new ElectronMediaHostLink({
      ipcMain: electron.ipcMain,
      target: () => this.windows?.mediaContents() ?? null,
      isMediaSender: (event: IpcSenderEvent) => isTrustedSender(event, ['media'], senderDeps),
      clock: this.clock,
      logger: logger.child({ component: 'media-link' }),
      onHostRestarted: () => this.phone?.mediaHostRestarted?.(),
    });
    const windows = new WindowManager({
      electron,
      pages,
      preloadPath: this.options.preloadPath,
      logger: logger.child({ component: 'windows' }),
      clock: this.clock,
      isQuitting: () => this.quitting,
      onMediaHostGone: (reason) => link.onHostGone(reason),
      mainWindowCloseAction: () => mainWindowCloseAction(this.phone?.getSnapshot() ?? null, this.options.electron.desktop !== undefined),
      requestQuit: () => electron.app.quit(),
      ...(this.options.mainWindowBounds ? { mainWindowBounds: this.options.mainWindowBounds } : {}),
    });
    const phone = this.options.createPhone(link);
    const router = new IpcRequestRouter({
      ipcMain: electron.ipcMain,
      handlers: phone.handlers,
      isTrustedSender: (event) => isTrustedSender(event, UI_WINDOW_KINDS, senderDeps),
      logger: logger.child({ component: 'ipc' }),
    });
    return { link, windows, phone, router };
  }

  private applyToWindows(snapshot: PhoneSnapshot): void {
    try {
      this.windows?.applySnapshot(snapshot);
    } catch (error) {
      this.options.logger.error('could not update windows for a snapshot', { error: errorMessage(error) });
    }
  }

  private async disposeParts(): Promise<void> {
    const { logger } = this.options;
    this.router?.dispose();
    if (this.phone !== null) {
      // the core still needs the media host to close its sessions, so that goes after it
      const finished = await this.withinTimeout(this.phone.dispose());
      if (!finished) logger.warn('the phone core did not finish disposing in time; quitting anyway');
    }
    this.link?.dispose();
    this.windows?.dispose();
    this.disposers.disposeAll();
    this.router = null;
    this.desktop = null;
    this.phone = null;
    this.link = null;
    this.windows = null;
  }

  /** true if the promise settled in time (a rejection is logged, not rethrown). */
  private withinTimeout(promise: Promise<void>): Promise<boolean> {
    const timeoutMs = this.options.disposeTimeoutMs ?? DEFAULT_DISPOSE_TIMEOUT_MS;
    return new Promise<boolean>((resolve) => {
      const timer = this.clock.setTimeout(() => resolve(false), timeoutMs);
      promise
        .catch((error: unknown) => this.options.logger.error('phone core dispose failed', { error: errorMessage(error) }))
        .finally(() => {
          this.clock.clearTimeout(timer);
          resolve(true);
        });
    });
  }
}
