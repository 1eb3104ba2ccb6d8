import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { CustomerApiClient, customerPageUrl, DEMO_ADMIN, loginToCustomerPage } from './support/customer-page.js';

/**
 * The お客様ページ in Chromium against the real server of the run (global setup). The demo
 * tenant is shared with the softphone tests, so every test that changes it puts it back
 * through the API afterwards, pass or fail.
 */

let pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
test.afterEach(() => {
  expect(pageErrors, 'uncaught errors in the customer page').toEqual([]);
});

async function withRestore(restore: (api: CustomerApiClient) => Promise<void>, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } finally {
    const api = await CustomerApiClient.login();
    try {
      await restore(api);
    } finally {
      await api.dispose();
    }
  }
}

test("a wrong password shows the server's Japanese error", async ({ page }) => {
  await page.goto(customerPageUrl());
  await page.getByLabel('主番号').fill(DEMO_ADMIN.mainNumber);
  await page.getByLabel('パスワード').fill('not-the-password');
  await page.getByRole('button', { name: 'ログイン' }).click();

  await expect(page.getByRole('alert')).toHaveText('主番号またはパスワードが正しくありません');
  await expect(page.getByRole('heading', { name: '番号・ID設定' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'ログイン' })).toBeEnabled();
});

test('the login works from the keyboard alone, and focus lands on the screen heading', async ({ page }) => {
  await page.goto(customerPageUrl());
  await expect(page.getByLabel('主番号')).toBeFocused();
  await page.keyboard.type(DEMO_ADMIN.mainNumber);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_ADMIN.password);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: '番号・ID設定' })).toBeFocused();
  await page.getByRole('link', { name: '料金見積' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: '料金見積' })).toBeFocused();
});

test('logging in shows 番号・ID設定 with the IDs, the numbers and the channels', async ({ page }) => {
  await loginToCustomerPage(page);

  await expect(page.getByTestId('tenant-name')).toHaveText('株式会社デモ商事');
  await expect(page.getByRole('link', { name: '050-3000-0001' })).toBeVisible();
  await expect(page.getByTestId('number-0355550100')).toContainText('03-5555-0100');
  await expect(page.getByTestId('channels')).toContainText('回線');
});

test("an ID's 発信外線番号 is changed in 一般設定 and stays changed after a reload", async ({ page }) => {
  const c = '05030000003';
  await withRestore(
    async (api) => {
      const id = (await api.overview()).ids.find((candidate) => candidate.directNumber === c);
      if (id) await api.call('PATCH', `/api/customer/ids/${id.idId}`, { defaultCallerNumber: '0355550100' });
    },
    async () => {
      await loginToCustomerPage(page);
      await page.getByRole('link', { name: '050-3000-0003' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('一般設定');

      const callerNumber = page.getByLabel('発信外線番号');
      await expect(callerNumber).toHaveValue('0355550100');
      await callerNumber.selectOption('0355550300');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await expect(page.getByTestId('id-settings-status')).toContainText('保存しました');

      await page.reload();
      await expect(page.getByLabel('発信外線番号')).toHaveValue('0355550300');
      await page.getByRole('link', { name: '番号・ID設定' }).first().click();
      await expect(page.getByTestId(`id-row-${c}`).getByTestId('caller-number')).toHaveText('03-5555-0300');
    },
  );
});

test("a refused 一般設定 change shows the rule's message", async ({ page }) => {
  await loginToCustomerPage(page);
  await page.getByRole('link', { name: '050-3000-0003' }).click();
  // 202 belongs to 鈴木 (ID B): extensions are unique within the tenant
  await page.getByLabel('内線番号').fill('202');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByTestId('id-settings-error')).toContainText('内線番号は契約内で重複できません');
});

test("a company number's 鳴り分け is changed with its checkboxes", async ({ page }) => {
  const support = '0355550300';
  await withRestore(
    async (api) => {
      const overview = await api.overview();
      const number = overview.numbers.find((candidate) => candidate.number === support);
      const keep = overview.ids.filter((id) => ['05030000004', '05030000005'].includes(id.directNumber)).map((id) => id.idId);
      if (number) await api.call('PUT', `/api/customer/numbers/${number.numberId}/ring-set`, { idIds: keep });
    },
    async () => {
      await loginToCustomerPage(page);
      const panel = page.getByTestId(`number-${support}`);
      const ringSet = panel.getByRole('group', { name: '03-5555-0300 の鳴り分け' });
      await expect(ringSet.getByRole('checkbox', { name: /高橋/ })).not.toBeChecked();
      await expect(ringSet.getByRole('checkbox', { name: /伊藤/ })).toBeChecked();

      await ringSet.getByRole('checkbox', { name: /高橋/ }).check();
      await ringSet.getByRole('checkbox', { name: /伊藤/ }).uncheck();
      await panel.getByRole('button', { name: '鳴り分けを保存' }).click();
      await expect(panel.getByRole('status')).toHaveText('03-5555-0300 の鳴り分けを保存しました');

      await page.reload();
      const reloaded = page.getByTestId(`number-${support}`).getByRole('group', { name: '03-5555-0300 の鳴り分け' });
      await expect(reloaded.getByRole('checkbox', { name: /高橋/ })).toBeChecked();
      await expect(reloaded.getByRole('checkbox', { name: /伊藤/ })).not.toBeChecked();
      await expect(reloaded.getByRole('checkbox', { name: /田中/ })).toBeChecked();
    },
  );
});

test('Web電話帳: an entry is added, found by search, edited and deleted', async ({ page }) => {
  const name = '検証 用太郎';
  await withRestore(
    async (api) => {
      const found = (await api.call('GET', `/api/customer/phonebook?q=${encodeURIComponent(name)}`)) as { entries: { id: number; name: string }[] };
      for (const entry of found.entries.filter((candidate) => candidate.name === name)) await api.call('DELETE', `/api/customer/phonebook/${entry.id}`);
    },
    async () => {
      await loginToCustomerPage(page);
      await page.getByRole('link', { name: 'Web電話帳' }).click();
      await page.getByRole('button', { name: '新規登録' }).click();
      const form = page.getByRole('form', { name: '連絡先の新規登録' });
      await form.getByLabel('名前').fill(name);
      await form.getByLabel('フリガナ').fill('ケンショウ ヨウタロウ');
      await form.getByLabel('会社名').fill('検証商事');
      await form.getByLabel('電話番号1', { exact: true }).fill('03-9876-5432');
      await form.getByRole('button', { name: '登録' }).click();
      await expect(page.getByTestId('phonebook-status')).toHaveText(`${name} を登録しました`);

      await page.getByRole('searchbox', { name: '検索' }).fill('ケンショウ');
      await page.getByRole('button', { name: '検索', exact: true }).click();
      const row = page.getByTestId('phonebook-row').filter({ hasText: name });
      await expect(row).toContainText('03-9876-5432');

      await row.getByRole('button', { name: `${name} を編集` }).click();
      const editor = page.getByRole('form', { name: `${name} を編集` });
      await editor.getByLabel('会社名').fill('検証物産');
      await editor.getByRole('button', { name: '更新' }).click();
      await expect(row).toContainText('検証物産');

      page.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: `${name} を削除` }).click();
      await expect(page.getByTestId('phonebook-status')).toHaveText(`${name} を削除しました`);
      await expect(row).toHaveCount(0);
    },
  );
});

test('Web電話帳 downloads as CSV in UTF-8 and in Shift_JIS', async ({ page }) => {
  await loginToCustomerPage(page);
  await page.getByRole('link', { name: 'Web電話帳' }).click();
  const header = '名前,フリガナ,会社名,部署,電話番号1';

  const [utf8] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'UTF-8 でダウンロード' }).click()]);
  const utf8Text = (await readFile(await utf8.path())).toString('utf8');
  expect(utf8Text.replace(/^\ufeff/, '').startsWith(header)).toBe(true);

  const [sjis] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Shift_JIS/ }).click()]);
  const sjisBytes = await readFile(await sjis.path());
  expect(iconv.decode(sjisBytes, 'Shift_JIS').startsWith(header)).toBe(true);
});

test('a Shift_JIS CSV with one bad row is rejected with a per-row report and changes nothing; the fixed file imports', async ({
  page,
}) => {
  const imported = ['取込 一郎', '取込 花子'];
  await withRestore(
    async (api) => {
      const found = (await api.call('GET', `/api/customer/phonebook?q=${encodeURIComponent('取込')}`)) as { entries: { id: number; name: string }[] };
      for (const entry of found.entries.filter((candidate) => imported.includes(candidate.name))) await api.call('DELETE', `/api/customer/phonebook/${entry.id}`);
    },
    async () => {
      await loginToCustomerPage(page);
      await page.getByRole('link', { name: 'Web電話帳' }).click();
      const total = page.getByTestId('phonebook-total');
      await expect(total).toBeVisible();
      const before = await total.textContent();

      // as Excel saves "CSV (コンマ区切り)" on Japanese Windows: Shift_JIS, CRLF
      const header = '名前,フリガナ,会社名,部署,電話番号1,電話番号1種別,電話番号2,電話番号2種別,電話番号3,電話番号3種別,メモ';
      const good = ['取込 一郎,トリコミ イチロウ,取込工業株式会社,営業部,03-1234-5678,会社,,,,,', '取込 花子,トリコミ ハナコ,取込商店,,090-1111-2222,携帯,,,,,'];
      const bad = '不正 番号,フセイ バンゴウ,株式会社テスト,,abc-defg,会社,,,,,番号が数字ではない';
      const sjisCsv = (lines: string[]) => ({ name: '電話帳.csv', mimeType: 'text/csv', buffer: iconv.encode(`${lines.join('\r\n')}\r\n`, 'Shift_JIS') });

      await page.getByLabel('CSVファイル').setInputFiles(sjisCsv([header, good[0]!, bad, good[1]!]));
      await page.getByRole('button', { name: '取り込む' }).click();

      await expect(page.getByTestId('import-error')).toContainText('ファイルを取り込みませんでした');
      const rows = page.getByTestId('import-report-row');
      await expect(rows).toHaveCount(1);
      // row 3 as Excel numbers it (the header is row 1), the column, and why
      await expect(rows.first().getByRole('cell')).toHaveText(['3', '電話番号1', /数字とハイフン/]);
      await expect(total).toHaveText(before ?? '');
      await page.getByRole('searchbox', { name: '検索' }).fill('取込');
      await page.getByRole('button', { name: '検索', exact: true }).click();
      await expect(page.getByTestId('phonebook-empty')).toBeVisible();

      await page.getByLabel('CSVファイル').setInputFiles(sjisCsv([header, ...good]));
      await page.getByRole('button', { name: '取り込む' }).click();
      await expect(page.getByTestId('import-status')).toHaveText('2 件を取り込みました');
      await expect(rows).toHaveCount(0);
      await expect(page.getByTestId('phonebook-row')).toHaveCount(2);
      await expect(page.getByRole('rowheader', { name: '取込 花子' })).toBeVisible();
    },
  );
});

test('adding a 追加ID changes the fee estimate', async ({ page }) => {
  const extension = '291';
  await withRestore(
    async (api) => {
      const added = (await api.overview()).ids.find((id) => id.extension === extension);
      if (added) await api.call('DELETE', `/api/customer/ids/${added.idId}`);
    },
    async () => {
      await loginToCustomerPage(page);
      await page.getByRole('link', { name: '料金見積' }).click();
      const before = await feeSnapshot(page);

      await page.getByRole('link', { name: '番号・ID設定' }).click();
      const form = page.getByRole('form', { name: '追加IDの追加' });
      await form.getByLabel('表示名').fill('渡辺');
      await form.getByLabel('内線番号').fill(extension);
      await form.getByLabel('パスワード').fill('plus-demo-new');
      await form.getByLabel('端末種別').selectOption('softphone');
      await form.getByRole('button', { name: '追加IDを追加' }).click();
      await expect(page.getByTestId('flash')).toContainText('追加しました');
      await expect(page.getByRole('cell', { name: '渡辺', exact: true })).toBeVisible();
      await expect(page.getByTestId('channels')).toContainText(`${before.additionalIds + 2} 回線`);

      await page.getByRole('link', { name: '料金見積' }).click();
      await expect(page.getByTestId('fee-line-additionalId').getByRole('cell').first()).toHaveText(String(before.additionalIds + 1));
      const after = await feeSnapshot(page);
      // 追加ID 900円 + ソフトフォン 650円 a month; 追加ID 5,000円 once
      expect(after.monthly - before.monthly).toBe(1550);
      expect(after.initial - before.initial).toBe(5000);
    },
  );
});

async function feeSnapshot(page: Page): Promise<{ additionalIds: number; monthly: number; initial: number }> {
  await expect(page.getByRole('heading', { level: 1, name: '料金見積' })).toBeVisible();
  const yen = async (testId: string) => Number((await page.getByTestId(testId).textContent())?.replace(/[^\d]/g, ''));
  const quantity = await page.getByTestId('fee-line-additionalId').getByRole('cell').first().textContent();
  return { additionalIds: Number(quantity), monthly: await yen('fee-total-monthly'), initial: await yen('fee-total-initial') };
}
