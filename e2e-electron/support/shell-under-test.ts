import { mkdir, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import type { BrowserWindow } from 'electron';
import { PAGE_PATHS } from '../../src-main/electron/app-pages.js';
import type { WindowKind } from '../../src-main/electron/windows/window-kind.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const LAUNCH_TIMEOUT_MS = 30_000;
/** quitting waits up to 3 s for the core to unregister (ShellApp); more than that is a hang */
const CLOSE_TIMEOUT_MS = 15_000;
const KEPT_OUTPUT_LINES = 300;

/**
 * User data of its own per launch: a developer's running PlusPhone (its single-instance lock
 * and profile) is never touched. --user-data-dir is Chromium's switch;
 * PLUSPHONE_USER_DATA_DIR is the shell's own override (app.setPath('userData') before ready).
 */
export const USER_DATA_DIR_ENV = 'PLUSPHONE_USER_DATA_DIR';

function electronArgs(userDataDir: string): string[] {
  const args = [
    repoRoot, // `electron .`: package.json main = out/main/index.js
    `--user-data-dir=${userDataDir}`,
    // a microphone on machines without one, and no permission prompt
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    // 127.0.0.1 host candidates: media in tests stays on loopback (the PBX keeps only those)
    '--allow-loopback-in-peer-connection',
    '--disable-features=WebRtcHideLocalIpsWithMdns',
  ];
  // Chromium's OS sandbox needs a setuid chrome-sandbox or unprivileged user namespaces, which
  // CI containers rarely allow; the renderers stay JS-sandboxed (sandbox: true, contextIsolation).
  if (process.platform === 'linux') args.push('--no-sandbox');
  return args;
}

function electronEnv(userDataDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // these would turn Electron into plain Node, or load the pages from a dev server
  delete env['ELECTRON_RUN_AS_NODE'];
  delete env['ELECTRON_RENDERER_URL'];
  env[USER_DATA_DIR_ENV] = userDataDir;
  // the tray view and shortcut actions, reachable from electronApp.evaluate (development builds only)
  env['PLUSPHONE_E2E_HOOKS'] = '1';
  return env;
}

function isPageOf(kind: WindowKind, url: string): boolean {
  try {
    return new URL(url).pathname.endsWith(`/${PAGE_PATHS[kind]}`);
  } catch {
    return false;
  }
}

/**
 * The built Electron app, launched through Playwright: finds its windows by the page they
 * load, tells whether the OS window is shown (a hidden window's page still renders), and
 * keeps the main process output and every page error for the test's verdict.
 */
export class ShellUnderTest {
  /** uncaught errors in any window of the app */
  readonly pageErrors: string[] = [];
  /** the Electron main process's stdout/stderr, last lines */
  readonly output: string[] = [];

  private constructor(
    readonly app: ElectronApplication,
    readonly userDataDir: string,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString('utf8').trimEnd().split('\n'));
      if (this.output.length > KEPT_OUTPUT_LINES) this.output.splice(0, this.output.length - KEPT_OUTPUT_LINES);
    };
    app.process().stdout?.on('data', keep);
    app.process().stderr?.on('data', keep);
    const watch = (page: Page) => page.on('pageerror', (error) => this.pageErrors.push(`${page.url()}: ${error.message}`));
    for (const page of app.windows()) watch(page);
    app.on('window', watch);
  }

  /** Launches the app with `userDataDir` (created here, removed on close) as its user data. */
  static async launch(executablePath: string, userDataDir: string): Promise<ShellUnderTest> {
    await mkdir(userDataDir, { recursive: true });
    try {
      const app = await _electron.launch({
        executablePath,
        args: electronArgs(userDataDir),
        cwd: repoRoot,
        env: electronEnv(userDataDir),
        timeout: LAUNCH_TIMEOUT_MS,
      });
      return new ShellUnderTest(app, userDataDir);
    } catch (error) {
      await rm(userDataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The window that loaded this kind's page (waits for it to be created and navigated). */
  async window(kind: WindowKind): Promise<Page> {
    const find = () => this.app.windows().find((page) => isPageOf(kind, page.url()));
    await expect.poll(() => find() !== undefined, { message: `the ${kind} window (${PAGE_PATHS[kind]})` }).toBe(true);
    const page = find();
    if (!page) throw new Error(`the ${kind} window went away`);
    return page;
  }

  /** Whether the OS window showing this page is visible (BrowserWindow.isVisible). */
  async isShown(page: Page): Promise<boolean> {
    const window = await this.app.browserWindow(page);
    try {
      return await window.evaluate((w: BrowserWindow) => !w.isDestroyed() && w.isVisible());
    } finally {
      await window.dispose();
    }
  }

  /** Where the app keeps its user data, as the running app says. */
  userDataPath(): Promise<string> {
    return this.app.evaluate(({ app }) => app.getPath('userData'));
  }

  /** Quits the app the way the user does (the core hangs up and unregisters), then removes its data. */
  async close(): Promise<void> {
    const child = this.app.process();
    const killer = setTimeout(() => child.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
    try {
      await this.app.close();
    } finally {
      clearTimeout(killer);
      await rm(this.userDataDir, { recursive: true, force: true });
    }
  }
}
