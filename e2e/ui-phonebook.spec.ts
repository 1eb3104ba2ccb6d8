import { placePstnCall } from './support/dev-pstn.js';
import { expect, test } from './support/fixtures.js';
import type { SoftphonePage } from './support/softphone-page.js';

/** Adds a local phonebook entry through the 電話帳 tab's form. */
async function addContact(phone: SoftphonePage, contact: { name: string; reading?: string; company?: string; number: string }): Promise<void> {
  await phone.page.getByTestId('tab-phonebook').click();
  await phone.page.getByTestId('phonebook-add').click();
  const form = phone.page.getByTestId('contact-form');
  await form.getByTestId('contact-name').fill(contact.name);
  if (contact.reading) await form.getByTestId('contact-reading').fill(contact.reading);
  if (contact.company) await form.getByTestId('contact-company').fill(contact.company);
  await form.getByTestId('contact-number-0').fill(contact.number);
  await form.getByTestId('contact-save').click();
  await expect(form).toBeHidden();
}

// each run gets its own names: the host's local phonebook may outlive one test
const run = Date.now().toString(36).slice(-4);

test('a contact is found by kana in the phonebook and offered by the dialer as the kana are typed', async ({ softphones }) => {
  const a = await softphones.open('A');
  await a.login();
  await expect(a.registration).toHaveText('登録済み');
  await addContact(a, { name: `山田 太郎 ${run}`, reading: 'ヤマダ タロウ', company: '株式会社テスト', number: '03-1234-0002' });

  // hiragana finds the katakana reading
  await a.page.getByTestId('phonebook-search').fill('やまだ');
  const entry = a.page.getByTestId('phonebook-entry').filter({ hasText: `山田 太郎 ${run}` });
  await expect(entry).toBeVisible();
  await a.page.getByTestId('phonebook-search').fill('すずきじろう');
  await expect(entry).toBeHidden();

  // the dialer: kana in the dial field show the contact; arrows and Enter take its number
  await a.page.getByTestId('tab-phone').click();
  await a.dialInput.fill('やまだ');
  const suggestion = a.page.getByTestId('dial-suggestion').filter({ hasText: `山田 太郎 ${run}` });
  await expect(suggestion).toContainText('03-1234-0002');
  await a.dialInput.press('ArrowDown');
  await expect(a.page.getByTestId('dial-suggestion').first()).toHaveAttribute('aria-selected', 'true');
  await a.dialInput.press('Enter');
  await expect(a.dialInput).toHaveValue('0312340002');
  await expect(a.page.getByTestId('dial-suggestions')).toBeHidden();

  // digits search numbers too, and the tenkey typing on the page still works
  await a.dialInput.fill('');
  await a.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // keys to the page, not a field
  await a.page.keyboard.type('0312340');
  await expect(a.dialInput).toHaveValue('0312340');
  await expect(a.page.getByTestId('dial-suggestion').filter({ hasText: `山田 太郎 ${run}` })).toBeVisible();
});

test('a CSV with a bad row is refused with the row report and nothing is added', async ({ softphones }) => {
  const a = await softphones.open('A');
  await a.login();
  await expect(a.registration).toHaveText('登録済み');
  await a.page.getByTestId('tab-phonebook').click();

  const good = `取込 良い行 ${run}`;
  const csv = ['名前,電話番号1,フリガナ', `${good},03-1111-2222,トリコミ`, `取込 悪い行 ${run},abc,`].join('\r\n');
  await a.page.getByTestId('phonebook-import').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

  const report = a.page.getByTestId('import-report');
  await expect(report.getByTestId('import-rejected')).toBeVisible();
  const problem = report.getByTestId('import-problem');
  await expect(problem).toHaveCount(1);
  await expect(problem.locator('td').nth(0)).toHaveText('3');
  await expect(problem.locator('td').nth(1)).toHaveText('電話番号1');
  await expect(problem.locator('td').nth(2)).toHaveText('電話番号は数字とハイフンで入力してください');

  // all or nothing: the good row was not applied either
  await a.page.getByTestId('phonebook-search').fill(good);
  await expect(a.page.getByTestId('phonebook-count')).toContainText('0');
  await expect(a.page.getByTestId('phonebook-entry')).toHaveCount(0);
});

test('a display name with markup is shown as text in the phonebook and the popup, and runs no script', async ({ softphones }) => {
  const markup = '<img src=x onerror=alert(1)>';
  const b = await softphones.open('B');
  const dialogs: string[] = [];
  b.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await b.login();
  await expect(b.registration).toHaveText('登録済み');
  const number = `0312349${String(Date.now() % 1000).padStart(3, '0')}`;
  await addContact(b, { name: markup, company: markup, number });

  await b.page.getByTestId('phonebook-search').fill(number);
  await expect(b.page.getByTestId('phonebook-entry-name')).toHaveText(markup);

  // an outside call from that number: the popup names the caller from the phonebook
  await placePstnCall({ from: number, to: b.id.directNumber });
  await expect(b.popup.getByTestId('popup-caller-name')).toHaveText(markup, { timeout: 20_000 });
  await expect(b.popup.getByTestId('popup-caller-company')).toContainText(markup);
  await expect(b.page.locator('img[src="x"]')).toHaveCount(0);
  await b.popup.getByTestId('popup-reject').click();
  await expect(b.popup).toBeHidden();

  expect(dialogs, 'no script ran').toEqual([]);
  expect(await b.page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
});
