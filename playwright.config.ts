import { defineConfig } from '@playwright/test';

/**
 * Chromium from Debian (no browser download on build machines), driving softphones in the
 * browser host. The global setup starts the real server and the browser host in a child
 * process and stops them afterwards; `out/renderer` must be built first (npx electron-vite build).
 */
const chromiumPath = process.env.PLUSPHONE_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // the README's pictures are made on request (PLUSPHONE_SCREENSHOTS=1), not in every test run
  testIgnore: process.env.PLUSPHONE_SCREENSHOTS ? [] : ['**/screenshots.spec.ts'],
  globalSetup: './e2e/support/global-setup.ts',
  // one server, real media on a 2-core machine: run the softphone tests one at a time
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // A real browser, server and media on a busy 2-core machine can lose a race now and then: one
  // more try, and npm test names every test that needed it ("flaky") in its summary.
  retries: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'ja-JP',
    permissions: ['microphone'],
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--autoplay-policy=no-user-gesture-required',
        '--disable-features=WebRtcHideLocalIpsWithMdns',
        // gather 127.0.0.1 host candidates: media in tests stays on loopback (the PBX keeps only those)
        '--allow-loopback-in-peer-connection',
      ],
    },
  },
});
