import { expect, test } from '@playwright/test';
import { CustomerApiClient, loginToCustomerPage } from './support/customer-page.js';

/**
 * 自動音声応答 (IVR) on the お客様ページ in Chromium against the run's real server: サポート
 * (03-5555-0300) gets a menu through the form, a rule the server refuses shows its Japanese message,
 * and the menu is removed again through the API afterwards, pass or fail (the demo tenant is shared).
 */
const SUPPORT = '0355550300';

let pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
test.afterEach(async () => {
  const api = await CustomerApiClient.login();
  try {
    const support = (await api.overview()).numbers.find((n) => n.number === SUPPORT);
    if (support) await api.call('DELETE', `/api/customer/numbers/${support.numberId}/ivr-menu`);
  } finally {
    await api.dispose();
  }
  expect(pageErrors, 'uncaught errors in the customer page').toEqual([]);
});

test('a company number gets a voice menu from the form; a refused rule shows the server’s message', async ({ page }) => {
  await loginToCustomerPage(page);
  await page.getByTestId(`ivr-link-${SUPPORT}`).click();
  await expect(page.getByRole('heading', { level: 1, name: '自動音声応答: 03-5555-0300 サポート' })).toBeVisible();

  // the first option starts with the number's ring set (田中, 伊藤); key 1 rings 田中 only
  const option = page.getByTestId('ivr-option').first();
  await expect(option.getByLabel('押すキー')).toHaveValue('1');
  await option.getByLabel('選択肢の名前').fill('製品');
  await option.getByLabel('伊藤（内線 205）').uncheck();

  // a second option without any ID: the server refuses it and says why
  await page.getByRole('button', { name: '選択肢を追加' }).click();
  await page.getByTestId('ivr-option').nth(1).getByLabel('押すキー').fill('2');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByTestId('ivr-menu-error')).toHaveText('選択肢ごとに、鳴らすIDを1つ以上指定してください');

  await page.getByTestId('ivr-option').nth(1).getByLabel('鈴木（内線 202）').check();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByTestId('ivr-menu-status')).toHaveText('03-5555-0300 サポート の自動音声応答を保存しました');

  const api = await CustomerApiClient.login();
  try {
    const overview = await api.overview();
    const support = overview.numbers.find((n) => n.number === SUPPORT)!;
    const idOf = (extension: string): number => overview.ids.find((id) => id.extension === extension)!.idId;
    const stored = (await api.call('GET', `/api/customer/numbers/${support.numberId}/ivr-menu`)) as { menu: unknown };
    expect(stored.menu).toMatchObject({
      options: [
        { digits: '1', label: '製品', ringSet: [idOf('204')] },
        { digits: '2', label: '', ringSet: [idOf('202')] },
      ],
      timeoutSeconds: 5,
      repeats: 1,
      onNoChoice: 'ringSet',
    });
  } finally {
    await api.dispose();
  }
});
