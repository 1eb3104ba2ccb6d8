import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';
import startServerStack from '../../e2e/support/global-setup.js';
import { PAGE_PATHS } from '../../src-main/electron/app-pages.js';
import { electronAvailability, electronSkipMessage } from './electron-availability.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What `electron .` loads: package.json main, the CommonJS preload and the three pages. */
function requireBuiltApp(): void {
  const required = [
    'out/main/index.js',
    'out/preload/index.cjs',
    ...Object.values(PAGE_PATHS).map((page) => `out/renderer/${page}`),
  ];
  const missing = required.filter((file) => !existsSync(join(repoRoot, file)));
  if (missing.length > 0) {
    throw new Error(`The app build is missing (${missing.join(', ')}).\nBuild it first: npx electron-vite build`);
  }
}

/**
 * Without Electron: says why once, starts nothing (each spec skips its tests with the same
 * reason). With Electron: checks the build, then starts the real server (fresh SQLite, port 0)
 * in a child process through the Chromium e2e's own global setup, which hands its URL to the
 * tests in PLUSPHONE_E2E_SERVER_URL and stops it (and fails on an unclean stop) afterwards.
 */
export default async function globalSetup(config: FullConfig): Promise<(() => Promise<void>) | undefined> {
  const electron = electronAvailability();
  if (!electron.ok) {
    console.log(electronSkipMessage(electron.reason));
    return undefined;
  }
  console.log(`Electron suite: ${electron.executablePath}`);
  requireBuiltApp();
  return startServerStack(config);
}
