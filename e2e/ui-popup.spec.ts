import { demoTenant2Id } from '../src-server/store/demo-tenant.js';
import { placePstnCall } from './support/dev-pstn.js';
import { expect, test } from './support/fixtures.js';

/**
 * The incoming popup for an outside call through a voice menu (tenant 2's 経理部 06-6666-0200:
 * key 2 rings 中村 and 小林), answered and hung up with the default in-app shortcuts.
 */
test('an outside call through the IVR shows the digits and the called number; Ctrl+Shift+A answers, Ctrl+Shift+E hangs up', async ({
  softphones,
}) => {
  const nakamura = await softphones.openAs(demoTenant2Id('B'));
  await nakamura.login();
  await expect(nakamura.registration).toHaveText('登録済み');

  await placePstnCall({ from: '0312345678', to: '0666660200', ivr: '2' });

  const popup = nakamura.popup;
  await expect(popup).toBeVisible({ timeout: 20_000 });
  await expect(popup.getByTestId('popup-caller-number')).toHaveText('03-1234-5678');
  await expect(popup.getByTestId('popup-called-label')).toHaveText('経理部');
  await expect(popup.getByTestId('popup-called-number')).toHaveText('06-6666-0200');
  await expect(popup.getByTestId('popup-ivr')).toHaveText('IVR 2');

  // the shortcut works wherever the focus is (here: nowhere in particular)
  await nakamura.page.keyboard.press('Control+Shift+A');
  await expect(popup).toBeHidden();
  await expect(nakamura.lines.getByTestId('line-state')).toHaveText('通話中');
  await expect.poll(() => nakamura.inboundAudioBytes(), { message: 'audio from the outside caller' }).toBeGreaterThan(0);

  await nakamura.page.keyboard.press('Control+Shift+E');
  await expect(nakamura.lines).toHaveCount(0, { timeout: 20_000 });
});
