import { defineConfig } from '@playwright/test';

/**
 * The Electron shell itself (DESIGN.md §5), driven by Playwright's `_electron`: the built app
 * (`npx electron-vite build` first) against the real server, with a Node softphone on the other
 * end. Runs wherever an Electron binary exists (ELECTRON_OVERRIDE_DIST_PATH or a downloaded
 * node_modules/electron; on Linux also a display, e.g. `xvfb-run -a`); elsewhere the global
 * setup prints "Electron suite skipped: <reason>" and every test is skipped with that reason.
 *   npx playwright test -c playwright.electron.config.ts
 */
export default defineConfig({
  testDir: './e2e-electron',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e-electron/support/global-setup.ts',
  // one server, one app at a time, real media on a small machine
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e-electron',
});
