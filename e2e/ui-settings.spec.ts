import { expect, test } from './support/fixtures.js';

test('settings: the microphone meter moves, the test tones play, and the ringtone and templates are kept', async ({ softphones }) => {
  const a = await softphones.open('A');
  await a.login();
  await expect(a.registration).toHaveText('登録済み');
  await a.page.getByTestId('tab-settings').click();
  const view = a.page.getByTestId('settings-view');
  await expect(view).toBeVisible();

  // Chromium's fake microphone beeps: the meter shows a level while the check runs
  const meter = a.page.getByTestId('settings-mic-level');
  await a.page.getByTestId('settings-test-microphone').click();
  await expect(a.page.getByTestId('settings-test-microphone')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => Number(await meter.getAttribute('data-level')), { message: 'microphone level', timeout: 15_000 }).toBeGreaterThan(0.01);
  await a.page.getByTestId('settings-test-microphone').click();
  await expect(meter).toHaveAttribute('data-level', '0.000');

  // a test tone plays to its end on each output (the button is busy meanwhile), without an error
  for (const output of ['speaker', 'ringer'] as const) {
    const button = a.page.getByTestId(`settings-test-${output}`);
    await button.click();
    await expect(button).toHaveText('テスト音');
    await expect(button).toBeEnabled();
  }
  await expect(view.getByRole('alert')).toHaveCount(0);

  // the ringtone goes to the core and comes back in the settings
  await a.page.getByTestId('settings-ringtone').selectOption('chime');
  await a.page.getByTestId('tab-phone').click();
  await a.page.getByTestId('tab-settings').click();
  await expect(a.page.getByTestId('settings-ringtone')).toHaveValue('chime');

  // a template the core refuses shows its reason; a good one is saved
  await a.page.getByTestId('settings-crm').fill('javascript:alert(1)');
  await a.page.getByTestId('settings-links-save').click();
  await expect(a.page.getByTestId('settings-links-status')).not.toHaveText('保存しました');
  await expect(a.page.getByTestId('settings-links-status')).toHaveAttribute('role', 'alert');
  await a.page.getByTestId('settings-crm').fill('https://crm.example.jp/search?tel={number}');
  await a.page.getByTestId('settings-links-save').click();
  await expect(a.page.getByTestId('settings-links-status')).toHaveText('保存しました');
});
