/**
 * Everything that makes PlusPhone a desktop program staff leave running all day, composed in one
 * place with one lifecycle: the tray, global shortcuts, click-to-call (links, `--dial`, a second
 * launch), start at login, the power-save blocker during calls, suspend/resume to the core, and
 * updates. Each part is its own tested unit; this only connects them to the phone and windows.
 */
import type { PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import type { Logger } from '../../core/logging/logger.js';
import type { Clock } from '../lifecycle/clock.js';
import { DisposerStack } from '../lifecycle/disposer-stack.js';
import { CallPowerGuard, hasLiveCall, type PowerSaveBlockerLike } from '../power/call-power-guard.js';
import { forwardPowerEvents, type PowerMonitorLike, type SystemPowerEvent } from '../power/system-power-events.js';
import { DEFAULT_GLOBAL_SHORTCUTS, type GlobalShortcutAction, type GlobalShortcutBindings } from '../../../src-shared/domain/global-shortcuts.js';
import { GlobalShortcuts, type GlobalShortcutLike, type ShortcutRegistration } from '../shortcuts/global-shortcuts.js';
import { TrayController, type TrayDeps } from '../tray/tray-controller.js';
import type { TrayAction, TrayView } from '../tray/tray-view.js';
import { UpdatePolicy, type UpdaterLike, type UpdateState } from '../updates/update-policy.js';
import { applyStartAtLogin, registerDialProtocols, type DesktopAppLike, type LaunchCommand } from './desktop-integration.js';
import { dialRequestFromArgv, dialRequestFromSelection, type DialRequest } from './dial-request.js';
import type { PhoneActions } from './phone-actions.js';

/** The Electron objects desktop integration needs (main.ts passes the real ones). */
export interface DesktopApi {
  app: DesktopAppLike;
  launch: LaunchCommand;
  /** the command line this process started with */
  argv: readonly string[];
  tray: Pick<TrayDeps, 'createTray' | 'image' | 'buildMenu'>;
  globalShortcut: GlobalShortcutLike;
  /** the text the user copied in any application (Electron 45's clipboard is asynchronous) */
  readSelection(): Promise<string>;
  powerSaveBlocker: PowerSaveBlockerLike;
  powerMonitor: PowerMonitorLike;
  /** electron-updater's autoUpdater; absent in development */
  updater?: UpdaterLike;
}

export interface DesktopWindows {
  showMain(): void;
  toggleMain(): void;
}

export interface DesktopServicesOptions {
  api: DesktopApi;
  actions: PhoneActions;
  windows: DesktopWindows;
  snapshot: () => PhoneSnapshot;
  requestQuit: () => void;
  /** suspend / resume for the core's reconnect logic */
  onSystemEvent?: (event: SystemPowerEvent) => void;
  logger: Logger;
  clock: Clock;
  shortcuts?: GlobalShortcutBindings;
  startAtLogin?: boolean;
  /** the update feed named by provisioning, when there is one */
  updateFeedUrl?: () => string | undefined;
  onUpdateState?: (state: UpdateState) => void;
  /** what the system took of the global shortcuts, after every (re)registration */
  onShortcutReport?: (report: readonly ShortcutRegistration[]) => void;
}

/** How long a link clicked before login waits for the phone to be registered. */
const PENDING_DIAL_MS = 2 * 60_000;

export class DesktopServices {
  private readonly disposers = new DisposerStack();
  private tray: TrayController | null = null;
  private shortcuts: GlobalShortcuts | null = null;
  private powerGuard: CallPowerGuard | null = null;
  private updates: UpdatePolicy | null = null;
  private pendingDial: { target: string; until: number } | null = null;
  /** the settings last applied (JSON), so a snapshot that changes nothing there re-registers nothing */
  private appliedShortcuts = '';
  private appliedAtLogin: boolean | undefined;
  private startedFeed: string | undefined;

  constructor(private readonly options: DesktopServicesOptions) {}

  start(): void {
    const { api, logger } = this.options;
    const initial = this.options.snapshot();

    this.tray = new TrayController({
      ...api.tray,
      onClick: () => this.options.windows.toggleMain(),
      onAction: (action) => this.runTrayAction(action),
    });
    this.tray.start(initial);
    this.disposers.push(() => this.tray?.dispose());

    this.shortcuts = new GlobalShortcuts(api.globalShortcut, (action) => this.runShortcut(action));
    this.applyShortcuts(initial.settings?.globalShortcuts ?? this.options.shortcuts ?? DEFAULT_GLOBAL_SHORTCUTS);
    this.disposers.push(() => this.shortcuts?.dispose());

    this.powerGuard = new CallPowerGuard(api.powerSaveBlocker);
    this.disposers.push(() => this.powerGuard?.dispose());
    this.disposers.push(forwardPowerEvents(api.powerMonitor, (event) => this.options.onSystemEvent?.(event)));

    const protocols = registerDialProtocols(api.app, api.launch);
    if (Object.values(protocols).some((ok) => !ok)) logger.warn('some dial protocols could not be registered', { protocols });
    if (this.options.startAtLogin !== undefined) this.applyAtLogin(this.options.startAtLogin);

    if (api.updater) {
      this.updates = new UpdatePolicy({
        updater: api.updater,
        clock: this.options.clock,
        inCall: () => hasLiveCall(this.options.snapshot()),
        onState: (state) => this.options.onUpdateState?.(state),
        onError: (message) => logger.warn('update check failed', { error: message }),
      });
      this.disposers.push(() => this.updates?.dispose());
    }

    this.handleArgv(api.argv);
    this.update(initial);
  }

  /** Every new phone state. */
  update(snapshot: PhoneSnapshot): void {
    if (this.tray === null) return; // not started, or disposed
    this.tray.update(snapshot);
    const settings = snapshot.settings;
    if (settings) {
      if (JSON.stringify(settings.globalShortcuts) !== this.appliedShortcuts) this.applyShortcuts(settings.globalShortcuts);
      if (settings.startup.atLogin !== this.appliedAtLogin) this.applyAtLogin(settings.startup.atLogin);
    }
    this.powerGuard?.update(snapshot);
    this.updates?.callStateChanged();
    const feed = this.options.updateFeedUrl?.();
    // snapshots come often; the feed changes only with provisioning
    if (feed && this.updates && feed !== this.startedFeed) {
      this.startedFeed = feed;
      this.updates.start(feed);
    }
    if (this.pendingDial && snapshot.registration.state === 'registered') {
      const { target, until } = this.pendingDial;
      this.pendingDial = null;
      if (this.options.clock.now() <= until) void this.dial(target);
    }
  }

  /** A command line: this process's, or a second launch's forwarded by single-instance. */
  handleArgv(argv: readonly string[]): void {
    const request = dialRequestFromArgv(argv);
    if (request) this.handleDialRequest(request, 'command line');
  }

  /** Re-register the global shortcuts (settings changed); the per-action report for settings. */
  applyShortcuts(bindings: GlobalShortcutBindings): readonly ShortcutRegistration[] {
    this.appliedShortcuts = JSON.stringify(bindings);
    const report = this.shortcuts?.apply(bindings) ?? [];
    this.options.onShortcutReport?.(report);
    const failed = report.filter((r) => r.status !== 'registered' && r.status !== 'off');
    if (failed.length > 0) this.options.logger.warn('global shortcuts not registered', { failed });
    return report;
  }

  /** What the tray shows now (diagnostics and the Electron e2e suite). */
  get trayView(): TrayView | null {
    return this.tray?.view ?? null;
  }

  /** Do what a global shortcut does (the shortcut itself, and the Electron e2e suite, which cannot press OS-wide keys). */
  triggerShortcut(action: GlobalShortcutAction): void {
    this.runShortcut(action);
  }

  get shortcutReport(): readonly ShortcutRegistration[] {
    return this.shortcuts?.lastReport ?? [];
  }

  /** The user accepted the downloaded update (installs now, or after the call). */
  installUpdate(): UpdateState | null {
    return this.updates?.installWhenPossible() ?? null;
  }

  dispose(): void {
    this.disposers.disposeAll();
    this.tray = null;
    this.shortcuts = null;
    this.powerGuard = null;
    this.updates = null;
    this.pendingDial = null;
  }

  private applyAtLogin(openAtLogin: boolean): void {
    this.appliedAtLogin = openAtLogin;
    try {
      applyStartAtLogin(this.options.api.app, openAtLogin);
    } catch (error) {
      this.options.logger.warn('could not change start at login', { error: String(error) });
    }
  }

  private handleDialRequest(request: DialRequest, source: string): void {
    if (!request.ok) {
      this.options.logger.warn('click-to-call refused', { source, reason: request.reason });
      return;
    }
    if (this.options.snapshot().registration.state === 'registered') {
      void this.dial(request.target);
      return;
    }
    // clicked before login or while reconnecting: dial once the phone is ready, and let the user log in
    this.pendingDial = { target: request.target, until: this.options.clock.now() + PENDING_DIAL_MS };
    this.options.windows.showMain();
  }

  private async dial(target: string): Promise<void> {
    this.options.windows.showMain();
    const result = await this.options.actions.dial(target);
    if (!result.ok) this.options.logger.warn('click-to-call failed', { error: result.error.message });
  }

  private runTrayAction(action: TrayAction): void {
    switch (action) {
      case 'showMain':
      case 'showHistory':
        this.options.windows.showMain();
        return;
      case 'toggleDnd':
        void this.options.actions.toggleDnd();
        return;
      case 'quit':
        this.options.requestQuit();
        return;
    }
  }

  private runShortcut(action: GlobalShortcutAction): void {
    const { actions, logger } = this.options;
    const report = (promise: Promise<{ ok: boolean }>): void => {
      void promise.then((result) => {
        if (!result.ok) logger.info('shortcut did nothing', { action, result });
      });
    };
    switch (action) {
      case 'answer':
        report(actions.answerRinging());
        return;
      case 'hangup':
        report(actions.hangUpCurrent());
        return;
      case 'mute':
        report(actions.toggleMute());
        return;
      case 'toggleDialer':
        this.options.windows.toggleMain();
        return;
      case 'dialSelection':
        this.options.api.readSelection().then(
          (text) => this.handleDialRequest(dialRequestFromSelection(text), 'selection'),
          (error: unknown) => logger.warn('could not read the clipboard', { error: String(error) }),
        );
        return;
    }
  }
}
