// Electron main-process entry (built to out/main/index.js). Wires the real Electron objects
// into the ShellApp; everything with a decision in it lives in small, unit-tested modules.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  powerMonitor,
  powerSaveBlocker,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import electronUpdater from 'electron-updater';
import { PhoneService } from '../core/phone-service.js';
import { errorMessage } from '../core/logging/logger.js';
import { createConsoleLogger } from '../core/logging/console-logger.js';
import { createFileLogger, RotatingLogFile } from '../core/logging/rotating-log-file.js';
import { AppPages } from './app-pages.js';
import { installCrashHandler } from './crash/crash-handler.js';
import type { DesktopApi } from './desktop/desktop-services.js';
import type { ElectronApi } from './electron-api.js';
import { ShellApp } from './shell-app.js';
import { safeExternalUrl } from './security/external-links.js';
import { createSafeStorageSecretStore } from './security/safe-storage-secret-store.js';
import { windowStateFile } from './windows/window-state-file.js';
import type { TrayIconKind } from './tray/tray-view.js';

const APP_USER_MODEL_ID = 'jp.plusphone.softphone';
/** electron-vite output next to out/main: the sandboxed preload must be CommonJS (.cjs). */
const PRELOAD_FILE = join(import.meta.dirname, '..', 'preload', 'index.cjs');
const RENDERER_DIR = join(import.meta.dirname, '..', 'renderer');

// Tests and side-by-side dev runs get their own profile and single-instance lock (before any getPath).
const userDataOverride = process.env['PLUSPHONE_USER_DATA_DIR'];
if (userDataOverride && !app.isPackaged) app.setPath('userData', userDataOverride);

const LOG_PATH = join(app.getPath('userData'), 'logs', 'plusphone.log');
const logger = createFileLogger(new RotatingLogFile({ path: LOG_PATH }), createConsoleLogger()).child({ process: 'electron-main' });
installCrashHandler({
  process,
  logger,
  logPath: LOG_PATH,
  showError: (title, message) => {
    if (app.isReady()) void dialog.showMessageBox({ type: 'error', title, message });
    else dialog.showErrorBox(title, message);
  },
});
/** assets/tray in development, resources/tray in the installed app (electron-builder extraResources) */
const TRAY_ICON_DIR = app.isPackaged ? join(process.resourcesPath, 'tray') : join(import.meta.dirname, '..', '..', 'assets', 'tray');

// Before ready: every renderer sandboxed whatever its options say; Windows taskbar identity
// matching the installer's shortcuts (appId in electron-builder.yml).
app.enableSandbox();
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

const trayImage = (kind: TrayIconKind, badge: boolean) => nativeImage.createFromPath(join(TRAY_ICON_DIR, `${kind}${badge ? '-badge' : ''}.png`));

const desktopApi: DesktopApi = {
  app,
  launch: { execPath: process.execPath, entryScript: app.isPackaged ? undefined : process.argv[1] },
  argv: process.argv,
  tray: {
    createTray: (image) => new Tray(image as Electron.NativeImage),
    image: trayImage,
    buildMenu: (template) => Menu.buildFromTemplate(template),
  },
  globalShortcut,
  // No API reads another program's selection on Windows: the user copies (Ctrl+C), then presses the shortcut
  readSelection: () => clipboard.readText(),
  powerSaveBlocker,
  powerMonitor,
  ...(app.isPackaged ? { updater: electronUpdater.autoUpdater } : {}),
};

const electronApi: ElectronApi = {
  app,
  desktop: desktopApi,
  createWindow: (options) => new BrowserWindow(options),
  screen,
  shell,
  defaultSession: () => session.defaultSession,
  ipcMain,
};

const devServerUrl = app.isPackaged ? null : (process.env['ELECTRON_RENDERER_URL'] ?? null);

const shellApp = new ShellApp({
  electron: electronApi,
  pages: new AppPages({ rendererDir: RENDERER_DIR, devServerUrl }),
  preloadPath: PRELOAD_FILE,
  mainWindowBounds: windowStateFile(
    join(app.getPath('userData'), 'window-state.json'),
    () => screen.getAllDisplays().map((display) => display.workArea),
    { width: 400, height: 640 },
  ),
  // created after app ready (ShellApp.start), when safeStorage can encrypt (DPAPI on Windows)
  createPhone: (mediaHost) =>
    new PhoneService({
      mediaHost,
      logger: logger.child({ component: 'core' }),
      dataDir: app.getPath('userData'),
      secretStore: createSafeStorageSecretStore(safeStorage, join(app.getPath('userData'), 'secrets.json')),
      resumeAtStart: true,
      openExternal: async (url) => {
        const safe = safeExternalUrl(url);
        if (safe === null) throw new Error('refused to open a link outside http/https');
        await shell.openExternal(safe);
      },
    }),
  logger,
});

function failToStart(detail: string): void {
  logger.error('PlusPhone could not start', { error: detail });
  dialog.showErrorBox('PlusPhone を起動できません', `起動中にエラーが発生しました。\n${detail}`);
  app.exit(1);
}

// The Electron e2e suite cannot read the OS tray or press OS-wide keys: in a development build it
// may ask for these hooks (never in the installed app).
if (!app.isPackaged && process.env['PLUSPHONE_E2E_HOOKS'] === '1') {
  (globalThis as { __plusphoneDesktop?: () => unknown }).__plusphoneDesktop = () => shellApp.desktopServices;
}

if (!existsSync(PRELOAD_FILE)) {
  // windows without their preload have no bridge and would show nothing useful: say why
  failToStart(`preload script missing: ${PRELOAD_FILE} (electron-vite must emit the preload as CommonJS index.cjs)`);
} else {
  shellApp.start().then(
    (outcome) => logger.info('PlusPhone shell', { outcome }),
    (error: unknown) => failToStart(errorMessage(error)),
  );
}
