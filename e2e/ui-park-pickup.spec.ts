import { expect, test } from './support/fixtures.js';
import type { SoftphonePage } from './support/softphone-page.js';

/** Audio keeps arriving and leaving on this page (getStats byte counters grow in both directions). */
async function expectAudioBothWays(phone: SoftphonePage): Promise<void> {
  const inbound = await phone.inboundAudioBytes();
  const outbound = await phone.outboundAudioBytes();
  await expect.poll(() => phone.inboundAudioBytes(), { message: `inbound audio on ${phone.id.key}` }).toBeGreaterThan(inbound);
  await expect.poll(() => phone.outboundAudioBytes(), { message: `outbound audio on ${phone.id.key}` }).toBeGreaterThan(outbound);
}

async function registered(...phones: SoftphonePage[]): Promise<void> {
  await Promise.all(phones.map((phone) => phone.login()));
  for (const phone of phones) await expect(phone.registration).toHaveText('登録済み');
}

test('B parks a call from A in slot *72; C retrieves it from the park panel and A and C hear each other', async ({ softphones }) => {
  const a = await softphones.open('A');
  const b = await softphones.open('B');
  const c = await softphones.open('C');
  await registered(a, b, c);

  await a.page.keyboard.type(b.id.extension);
  await a.page.keyboard.press('Enter');
  await b.popup.getByTestId('popup-answer').click();
  await expect(b.lines.getByTestId('line-state')).toHaveText('通話中');

  await b.lines.getByTestId('line-park-toggle').click();
  await b.lines.getByTestId('line-park-*72').click();
  await expect(b.lines).toHaveCount(0, { timeout: 20_000 });

  // every colleague's park panel shows the slot taken, with who is waiting there
  const slot = c.page.locator('[data-testid="park-slot"][data-slot="*72"]');
  await expect(slot).toHaveAttribute('data-occupied', 'true', { timeout: 20_000 });
  await expect(slot.getByTestId('park-caller')).toContainText(a.id.displayName);
  await expect(slot.getByTestId('park-time')).toBeVisible();

  await slot.getByTestId('park-retrieve').click();
  await expect(c.lines.getByTestId('line-state')).toHaveText('通話中');
  await expect(a.lines.getByTestId('line-state')).toHaveText('通話中');
  await expect(slot).toHaveAttribute('data-occupied', 'false', { timeout: 20_000 });
  await expectAudioBothWays(c);
  await expectAudioBothWays(a);

  await c.lines.getByTestId('line-hangup').click();
  await expect(a.lines).toHaveCount(0, { timeout: 20_000 });
  await expect(c.lines).toHaveCount(0, { timeout: 20_000 });
});

test('C picks up a call ringing at B from the colleagues panel', async ({ softphones }) => {
  const a = await softphones.open('A');
  const b = await softphones.open('B');
  const c = await softphones.open('C');
  await registered(a, b, c);

  await a.page.keyboard.type(b.id.extension);
  await a.page.keyboard.press('Enter');
  await expect(b.popup).toBeVisible();

  const colleague = c.page.locator(`[data-testid="colleague"][data-extension="${b.id.extension}"]`);
  await expect(colleague).toHaveAttribute('data-state', 'ringing', { timeout: 20_000 });
  await colleague.getByTestId('colleague-pickup').click();

  await expect(c.lines.getByTestId('line-state')).toHaveText('通話中');
  await expect(a.lines.getByTestId('line-state')).toHaveText('通話中');
  await expect(b.popup).toBeHidden();
  await expect(b.lines).toHaveCount(0, { timeout: 20_000 });
  await expectAudioBothWays(c);

  await a.lines.getByTestId('line-hangup').click();
  await expect(c.lines).toHaveCount(0, { timeout: 20_000 });
  await expect(colleague).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
});
