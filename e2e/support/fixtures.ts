import { test as base, expect, type BrowserContext } from '@playwright/test';
import { demoId, type DemoId, type DemoIdKey } from '../../src-server/store/demo-tenant.js';
import { SoftphonePage } from './softphone-page.js';
import { HOST_URL_ENV, WRONG_DIGEST_HOST_URL_ENV } from './stack-protocol.js';

/** Which browser host a softphone runs in (both talk to the same server). */
export type HostKind = 'normal' | 'wrongDigest';

export interface Softphones {
  /** A new browser context (its own softphone in the browser host) with the main window open. */
  open(key: DemoIdKey, options?: { host?: HostKind }): Promise<SoftphonePage>;
  /** The same for any demo ID (e.g. one of the second tenant: demoTenant2Id). */
  openAs(id: DemoId, options?: { host?: HostKind }): Promise<SoftphonePage>;
}

function hostUrlFromSetup(kind: HostKind): string {
  const name = kind === 'normal' ? HOST_URL_ENV : WRONG_DIGEST_HOST_URL_ENV;
  const url = process.env[name];
  if (!url) throw new Error(`${name} is not set: run through playwright.config.ts (its global setup starts the hosts)`);
  return url;
}

export const test = base.extend<{ softphones: Softphones }>({
  softphones: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    const pageErrors: string[] = [];
    const openAs = async (id: DemoId, { host = 'normal' }: { host?: HostKind } = {}) => {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${id.directNumber}: ${error.message}`));
      await page.goto(hostUrlFromSetup(host));
      return new SoftphonePage(page, id);
    };
    await use({
      open: (key, options) => openAs(demoId(key), options),
      openAs,
    });
    // closing a context closes its page socket: the host disposes that softphone
    await Promise.all(contexts.map((context) => context.close()));
    expect(pageErrors, 'uncaught errors in the softphone pages').toEqual([]);
  },
});

export { expect };
