import { demoTenant2Id } from '../src-server/store/demo-tenant.js';
import { expect, test } from './support/fixtures.js';

test('the caller number chosen beside the call button is the one the callee sees', async ({ softphones }) => {
  const a = await softphones.open('A');
  // 山本 of the second tenant: its 代表 06-6666-0100 rings them (an outside call for A)
  const yamamoto = await softphones.openAs(demoTenant2Id('A'));
  await Promise.all([a.login(), yamamoto.login()]);
  await expect(a.registration).toHaveText('登録済み');
  await expect(yamamoto.registration).toHaveText('登録済み');

  const select = a.page.getByTestId('caller-number');
  // the account's default is marked and chosen at first
  await expect(select.locator('option:checked')).toContainText('（既定）');
  await select.selectOption('0355550200');
  await a.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // keys to the page, not a field
  await a.page.keyboard.type('0666660100');
  await a.page.keyboard.press('Enter');

  await expect(a.lines.getByTestId('line-caller-number')).toContainText('03-5555-0200');
  await expect(yamamoto.popup.getByTestId('popup-caller-number')).toHaveText('03-5555-0200', { timeout: 20_000 });
  await expect(yamamoto.popup.getByTestId('popup-called-label')).toHaveText('代表');

  await a.lines.getByTestId('line-hangup').click();
  await expect(yamamoto.popup).toBeHidden({ timeout: 20_000 });
  await expect(a.lines).toHaveCount(0, { timeout: 20_000 });
});

test('history shows a missed call with the badge, and an outside call with its charge', async ({ softphones }) => {
  const a = await softphones.open('A');
  const b = await softphones.open('B');
  await Promise.all([a.login(), b.login()]);
  await expect(a.registration).toHaveText('登録済み');
  await expect(b.registration).toHaveText('登録済み');

  // A rings B and gives up: a missed call for B
  await a.page.keyboard.type(b.id.extension);
  await a.page.keyboard.press('Enter');
  await expect(b.popup).toBeVisible();
  await a.lines.getByTestId('line-hangup').click();
  await expect(b.popup).toBeHidden({ timeout: 20_000 });
  await expect(b.page.getByTestId('missed-badge')).toHaveText('1');
  await expect(b.lines).toHaveCount(0, { timeout: 20_000 });

  // B calls the echo line outside for a moment: a priced call
  await b.page.keyboard.type('0312340000');
  await b.page.keyboard.press('Enter');
  await expect(b.lines.getByTestId('line-state')).toHaveText('通話中', { timeout: 20_000 });
  await expect(b.lines.getByTestId('line-timer')).toHaveText(/^00:0[2-9]$/, { timeout: 15_000 });
  await b.lines.getByTestId('line-hangup').click();
  await expect(b.lines).toHaveCount(0, { timeout: 20_000 });

  await b.page.getByTestId('tab-history').click();
  const missed = b.page.locator('[data-testid="history-row"][data-result="missed"]');
  await expect(missed).toHaveCount(1);
  await expect(missed.getByTestId('history-number')).toHaveText(a.id.extension);
  // an unanswered internal call costs nothing
  await expect(missed.getByTestId('history-charge')).toHaveText('0円');
  const outside = b.page.locator('[data-testid="history-row"][data-direction="outgoing"]').filter({ hasText: '03-1234-0000' });
  await expect(outside).toHaveCount(1);
  await expect(outside.getByTestId('history-charge')).toHaveText(/^\d+円$/);
  // seen: the badge goes
  await expect(b.page.getByTestId('missed-badge')).toBeHidden();

  await b.page.getByTestId('history-filter-missed').click();
  await expect(b.page.getByTestId('history-row')).toHaveCount(1);
});

test('settings: a conflicting shortcut is shown and cannot be saved; a new one works; English applies at once', async ({ softphones }) => {
  const a = await softphones.open('A');
  const b = await softphones.open('B');
  await Promise.all([a.login(), b.login()]);
  await expect(a.registration).toHaveText('登録済み');
  await expect(b.registration).toHaveText('登録済み');

  await b.page.getByTestId('tab-settings').click();
  await expect(b.page.getByTestId('settings-view')).toBeVisible();
  const answer = b.page.getByTestId('shortcut-answer');
  await expect(answer).toHaveValue('Ctrl+Shift+A');

  // mute on answer's keys: both rows say so, saving is refused
  await b.page.getByTestId('shortcut-mute').focus();
  await b.page.keyboard.press('Control+Shift+A');
  await expect(b.page.getByTestId('shortcut-mute')).toHaveValue('Ctrl+Shift+A');
  await expect(b.page.getByTestId('shortcut-mute-problem')).toHaveText('他の操作と重複しています');
  await expect(b.page.getByTestId('shortcut-answer-problem')).toBeVisible();
  await expect(b.page.getByTestId('shortcuts-save')).toBeDisabled();
  // a lone letter is not a shortcut
  await b.page.getByTestId('shortcut-mute').press('m');
  await expect(b.page.getByTestId('shortcut-mute-problem')).toContainText('Ctrl・Alt');

  await b.page.getByTestId('shortcuts-defaults').click();
  await answer.focus();
  await b.page.keyboard.press('F9');
  await expect(answer).toHaveValue('F9');
  await b.page.getByTestId('shortcuts-save').click();
  await expect(b.page.getByTestId('shortcuts-status')).toHaveText('保存しました');

  // the new key answers, from the settings tab
  await a.page.keyboard.type(b.id.extension);
  await a.page.keyboard.press('Enter');
  await expect(b.popup).toBeVisible();
  await b.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // keys to the page, not a field
  await b.page.keyboard.press('Control+Shift+A');
  await expect(b.popup).toBeVisible();
  await b.page.keyboard.press('F9');
  await expect(b.popup).toBeHidden();
  await expect(a.lines.getByTestId('line-state')).toHaveText('通話中');
  // Ctrl+Shift+D goes to the dial field on the phone tab; Ctrl+Shift+H holds
  await b.page.keyboard.press('Control+Shift+D');
  await expect(b.dialInput).toBeFocused();
  await b.page.keyboard.press('Control+Shift+H');
  await expect(b.lines.getByTestId('line-state')).toHaveText('保留中');
  await b.page.keyboard.press('Control+Shift+E');
  await expect(b.lines).toHaveCount(0, { timeout: 20_000 });

  // language: English at once, and back
  await b.page.getByTestId('tab-settings').click();
  await b.page.getByTestId('settings-language').selectOption('en');
  await expect(b.page.getByTestId('tab-settings')).toHaveText('Settings');
  await expect(b.page.locator('html')).toHaveAttribute('lang', 'en');
  await b.page.getByTestId('settings-language').selectOption('ja');
  await expect(b.page.getByTestId('tab-settings')).toHaveText('設定');
});
