import { join } from 'node:path';
import { placePstnCall } from './support/dev-pstn.js';
import { expect, test } from './support/fixtures.js';

/**
 * Refreshes the README's pictures of the softphone (docs/screenshots/*.png) from the real stack:
 *   npx electron-vite build && PLUSPHONE_SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts
 * Not part of the normal run (it writes into docs/): without the variable it is reported as
 * skipped, with this reason.
 */
const SHOTS = join(process.cwd(), 'docs/screenshots');

test('screenshots of the phone, phonebook, history, settings and popup views', async ({ softphones }) => {
  test.skip(!process.env.PLUSPHONE_SCREENSHOTS, 'writes docs/screenshots: run with PLUSPHONE_SCREENSHOTS=1');
  const a = await softphones.open('A');
  const b = await softphones.open('B');
  await a.page.setViewportSize({ width: 1100, height: 760 });
  await Promise.all([a.login(), b.login()]);
  await expect(a.registration).toHaveText('登録済み');
  await expect(b.registration).toHaveText('登録済み');

  // a local contact, so the popup and the phonebook have a name and company to show
  await a.page.getByTestId('tab-phonebook').click();
  await a.page.getByTestId('phonebook-add').click();
  await a.page.getByTestId('contact-name').fill('山田 太郎');
  await a.page.getByTestId('contact-reading').fill('ヤマダ タロウ');
  await a.page.getByTestId('contact-company').fill('株式会社ヤマダ製作所');
  await a.page.getByTestId('contact-number-0').fill('03-1234-0002');
  await a.page.getByTestId('contact-save').click();
  await expect(a.page.getByTestId('contact-form')).toBeHidden();

  // a missed call for the history and its badge
  await b.page.keyboard.type(a.id.extension);
  await b.page.keyboard.press('Enter');
  await expect(a.popup).toBeVisible();
  await b.lines.getByTestId('line-hangup').click();
  await expect(a.popup).toBeHidden({ timeout: 20_000 });
  await expect(a.lines).toHaveCount(0, { timeout: 20_000 });

  // an outside call from the contact to 代表: the popup
  await a.page.getByTestId('tab-phone').click();
  await placePstnCall({ from: '0312340002', to: '0355550100' });
  await expect(a.popup.getByTestId('popup-caller-name')).toHaveText('山田 太郎', { timeout: 20_000 });
  await a.page.screenshot({ path: join(SHOTS, 'popup.png') });

  // answered; B parks nothing, but the phone view shows the line and its controls
  await a.popup.getByTestId('popup-answer').click();
  await expect(a.lines.getByTestId('line-state').filter({ hasText: '通話中' })).toBeVisible();
  await expect(a.lines).toHaveCount(1, { timeout: 20_000 });
  await a.dialInput.fill('やまだ');
  await expect(a.page.getByTestId('dial-suggestion').first()).toBeVisible();
  await a.page.screenshot({ path: join(SHOTS, 'phone.png') });
  await a.dialInput.fill('');
  await a.lines.getByTestId('line-hangup').click();
  await expect(a.lines).toHaveCount(0, { timeout: 20_000 });

  await a.page.getByTestId('tab-phonebook').click();
  await expect(a.page.getByTestId('phonebook-entry').first()).toBeVisible();
  await a.page.screenshot({ path: join(SHOTS, 'phonebook.png') });

  await a.page.getByTestId('tab-history').click();
  await expect(a.page.getByTestId('history-row')).not.toHaveCount(0);
  await a.page.screenshot({ path: join(SHOTS, 'history.png') });

  await a.page.getByTestId('tab-settings').click();
  await expect(a.page.getByTestId('settings-view')).toBeVisible();
  await a.page.screenshot({ path: join(SHOTS, 'settings.png'), fullPage: true });
});
