import type { Locator, Page } from '@playwright/test';
import type { DemoId } from '../../src-server/store/demo-tenant.js';

/** One softphone in the browser host (one browser context), seen the way a user sees it. */
export class SoftphonePage {
  constructor(
    readonly page: Page,
    readonly id: DemoId,
  ) {}

  get registration(): Locator {
    return this.page.getByTestId('registration-state');
  }

  get loginError(): Locator {
    return this.page.getByTestId('login-error');
  }

  get dialInput(): Locator {
    return this.page.getByTestId('dial-input');
  }

  get lines(): Locator {
    return this.page.getByTestId('line');
  }

  get popup(): Locator {
    return this.page.getByTestId('incoming-popup');
  }

  /** Log in as this demo ID through the form (the server URL comes prefilled from the host). */
  async login(password: string = this.id.password): Promise<void> {
    await this.page.getByTestId('login-id').fill(this.id.directNumber);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
  }

  /** Audio bytes received so far over all of this page's peer connections (WebRTC getStats). */
  async inboundAudioBytes(): Promise<number> {
    return this.page.evaluate(async () => {
      const stats = await window.__plusphoneMedia?.stats();
      return stats?.sessions.reduce((sum, session) => sum + session.bytesReceived, 0) ?? 0;
    });
  }

  /** Audio bytes sent so far over all of this page's peer connections (WebRTC getStats). */
  async outboundAudioBytes(): Promise<number> {
    return this.page.evaluate(async () => {
      const stats = await window.__plusphoneMedia?.stats();
      return stats?.sessions.reduce((sum, session) => sum + session.bytesSent, 0) ?? 0;
    });
  }

  async mediaSessionCount(): Promise<number> {
    return this.page.evaluate(async () => (await window.__plusphoneMedia?.stats())?.sessions.length ?? -1);
  }
}
