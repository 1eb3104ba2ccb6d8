import { realpath } from 'node:fs/promises';
import { test as base, expect } from '@playwright/test';
import { SERVER_URL_ENV } from '../../e2e/support/stack-protocol.js';
import { demoId, type DemoIdKey } from '../../src-server/store/demo-tenant.js';
import type { TestSoftphone } from '../../test/support/test-softphone.js';
import { electronAvailability, electronSkipMessage } from './electron-availability.js';
import { ShellUnderTest, USER_DATA_DIR_ENV } from './shell-under-test.js';

/** The suite's one availability check; specs skip every test with its reason when not ok. */
export const electron = electronAvailability();
export const electronSkipReason = electron.ok ? '' : electronSkipMessage(electron.reason);

export interface NodePhones {
  /** A Node softphone core (@roamhq/wrtc media, its microphone a sine of `toneHz`), logged in and registered. */
  open(key: DemoIdKey, toneHz: number): Promise<TestSoftphone>;
}

interface ElectronFixtures {
  /** the real server the global setup started */
  serverUrl: string;
  /** the built app, launched fresh for this test and quit after it */
  shell: ShellUnderTest;
  nodePhones: NodePhones;
}

export const test = base.extend<ElectronFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
  serverUrl: async ({}, use) => {
    const url = process.env[SERVER_URL_ENV];
    if (!url) throw new Error(`${SERVER_URL_ENV} is not set: run with -c playwright.electron.config.ts (its global setup starts the server)`);
    await use(url);
  },

  // eslint-disable-next-line no-empty-pattern -- as above
  shell: async ({}, use, testInfo) => {
    if (!electron.ok) {
      testInfo.skip(true, electronSkipReason);
      return;
    }
    // inside the test's output folder: Playwright clears it before each run, so nothing outlives a crash
    const shell = await ShellUnderTest.launch(electron.executablePath, testInfo.outputPath('electron-user-data'));
    try {
      const [used, own] = await Promise.all([realpath(await shell.userDataPath()), realpath(shell.userDataDir)]);
      expect(
        used,
        `the app must keep its data in the test's own folder (honour --user-data-dir or ${USER_DATA_DIR_ENV})`,
      ).toBe(own);
      await use(shell);
    } finally {
      await shell.close();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('electron-main-output', { body: shell.output.join('\n'), contentType: 'text/plain' });
      }
    }
    expect(shell.pageErrors, 'uncaught errors in the app windows').toEqual([]);
  },

  nodePhones: async ({ serverUrl }, use) => {
    // loaded only when a test runs: native WebRTC stays out of skipped runs
    const { TestSoftphone } = await import('../../test/support/test-softphone.js');
    const phones: TestSoftphone[] = [];
    await use({
      async open(key, toneHz) {
        const phone = new TestSoftphone({ toneHz });
        phones.push(phone);
        const id = demoId(key);
        await phone.login(serverUrl, id.directNumber, id.password);
        return phone;
      },
    });
    await Promise.all(phones.map((phone) => phone.dispose()));
  },
});

export { expect };
