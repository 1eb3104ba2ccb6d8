import { expect, test } from './support/fixtures.js';
import type { SoftphonePage } from './support/softphone-page.js';

/** Inbound audio keeps arriving: the byte counter is positive and then grows. */
async function expectAudioFlowing(phone: SoftphonePage): Promise<void> {
  const message = `inbound audio on ${phone.id.key}`;
  await expect.poll(() => phone.inboundAudioBytes(), { message }).toBeGreaterThan(0);
  const seen = await phone.inboundAudioBytes();
  await expect.poll(() => phone.inboundAudioBytes(), { message }).toBeGreaterThan(seen);
}

test('A calls B by extension; B answers from the popup with Enter; audio flows both ways; A hangs up', async ({
  softphones,
}) => {
  const a = await softphones.open('A');
  const b = await softphones.open('B');
  await Promise.all([a.login(), b.login()]);
  await expect(a.registration).toHaveText('登録済み');
  await expect(b.registration).toHaveText('登録済み');

  // A dials on the keyboard, focus nowhere in particular (the dialer listens on the whole view)
  await a.page.keyboard.type(b.id.extension);
  await expect(a.dialInput).toHaveValue(b.id.extension);
  await a.page.keyboard.press('Enter');

  await expect(a.lines).toHaveCount(1);
  await expect(a.lines.getByTestId('line-remote-number')).toHaveText(b.id.extension);

  // B: the popup shows who calls (an internal call shows the caller's extension) and their name
  await expect(b.popup).toBeVisible();
  await expect(b.popup.getByTestId('popup-caller-number')).toHaveText(a.id.extension);
  await expect(b.popup.getByTestId('popup-caller-name')).toHaveText(a.id.displayName);
  await expect(b.popup.getByTestId('popup-called-number')).toHaveText(b.id.extension);
  await expect(a.lines.getByTestId('line-state')).toHaveText('呼出中');

  // the popup does not take the focus by itself; once the user is in it, Enter answers
  await expect(b.popup).not.toBeFocused();
  await b.popup.focus();
  await b.page.keyboard.press('Enter');

  await expect(b.popup).toBeHidden();
  await expect(a.lines.getByTestId('line-state')).toHaveText('通話中');
  await expect(b.lines.getByTestId('line-state')).toHaveText('通話中');
  await expect(a.lines.getByTestId('line-timer')).toHaveText(/^\d\d:\d\d$/);

  await expectAudioFlowing(a);
  await expectAudioFlowing(b);

  await a.lines.getByTestId('line-hangup').click();

  // ended lines stay a moment to show why they ended, then the phones are idle again
  await expect(a.lines).toHaveCount(0, { timeout: 20_000 });
  await expect(b.lines).toHaveCount(0, { timeout: 20_000 });
  await expect(a.page.getByTestId('lines-empty')).toBeVisible();
  await expect.poll(() => a.mediaSessionCount()).toBe(0);
  await expect.poll(() => b.mediaSessionCount()).toBe(0);
});

test("a call to 営業部's number shows that number and its label; Esc in the popup rejects it", async ({ softphones }) => {
  // D is not in number 2's ring set (A, B, C); of those only B is logged in
  const d = await softphones.open('D');
  const b = await softphones.open('B');
  await Promise.all([d.login(), b.login()]);
  await expect(d.registration).toHaveText('登録済み');
  await expect(b.registration).toHaveText('登録済み');

  await d.page.keyboard.type('03-5555-0200');
  await expect(d.dialInput).toHaveValue('0355550200');
  await d.page.keyboard.press('Enter');

  await expect(b.popup.getByTestId('popup-called-label')).toHaveText('営業部');
  await expect(b.popup.getByTestId('popup-called-number')).toHaveText('03-5555-0200');
  await expect(b.popup.getByTestId('popup-caller-name')).toHaveText(d.id.displayName);

  // a click into the popup (not on a button) gives it the focus; Esc then rejects
  await b.popup.getByTestId('popup-caller-number').click();
  await expect(b.popup).toBeFocused();
  await b.page.keyboard.press('Escape');

  await expect(b.popup).toBeHidden();
  await expect(d.lines.getByTestId('line-state')).toHaveText('終了');
  await expect(d.lines).toHaveCount(0, { timeout: 20_000 });
  await expect(b.lines).toHaveCount(0, { timeout: 20_000 });
});
