// Electron main-process entry (built to out/main/index.js). Wires the real Electron objects
// into the ShellApp; everything with a decision in it lives in small, unit-tested modules.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, screen, session, shell } from 'electron';
import { PhoneService } from '../core/phone-service.js';
import { errorMessage } from '../core/logging/logger.js';
import { createConsoleLogger } from '../core/logging/console-logger.js';
import { AppPages } from './app-pages.js';
import type { ElectronApi } from './electron-api.js';
import { ShellApp } from './shell-app.js';

const APP_USER_MODEL_ID = 'jp.plusphone.softphone';
/** electron-vite output next to out/main: the sandboxed preload must be CommonJS (.cjs). */
const PRELOAD_FILE = join(import.meta.dirname, '..', 'preload', 'index.cjs');
const RENDERER_DIR = join(import.meta.dirname, '..', 'renderer');

const logger = createConsoleLogger().child({ process: 'electron-main' });

// Before ready: every renderer sandboxed whatever its options say; Windows taskbar identity
// matching the installer's shortcuts (appId in electron-builder.yml).
app.enableSandbox();
// Tests and side-by-side dev runs get their own profile and single-instance lock.
const userDataOverride = process.env['PLUSPHONE_USER_DATA_DIR'];
if (userDataOverride && !app.isPackaged) app.setPath('userData', userDataOverride);
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

const electronApi: ElectronApi = {
  app,
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
  createPhone: (mediaHost) =>
    new PhoneService({ mediaHost, logger: logger.child({ component: 'core' }), dataDir: app.getPath('userData') }),
  logger,
});

function failToStart(detail: string): void {
  logger.error('PlusPhone could not start', { error: detail });
  dialog.showErrorBox('PlusPhone を起動できません', `起動中にエラーが発生しました。\n${detail}`);
  app.exit(1);
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
