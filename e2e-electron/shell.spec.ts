import { SoftphonePage } from '../e2e/support/softphone-page.js';
import { demoId } from '../src-server/store/demo-tenant.js';
import { electron, electronSkipReason, expect, test } from './support/fixtures.js';
import { heardAudio } from './support/media-window-audio.js';
import type { ShellUnderTest } from './support/shell-under-test.js';

test.skip(!electron.ok, electronSkipReason);

const A = demoId('A');
const B = demoId('B');
/** the tone B's Node "microphone" plays, which A's media window must play back */
const B_TONE_HZ = 1000;
const TONE_TOLERANCE_HZ = 30;
const MIN_TONE_RMS = 0.02;

/** The main window, shown, with A logged in through its form and registered. */
async function loginA(shell: ShellUnderTest, serverUrl: string): Promise<SoftphonePage> {
  const main = new SoftphonePage(await shell.window('main'), A);
  await expect.poll(() => shell.isShown(main.page), { message: 'the main window is shown' }).toBe(true);
  await main.page.getByTestId('login-server').fill(serverUrl);
  await main.login();
  await expect(main.registration).toHaveText('登録済み');
  return main;
}

test('starts logged out with the main window showing the login form; logging in as A registers (登録済み)', async ({
  shell,
  serverUrl,
}) => {
  const main = new SoftphonePage(await shell.window('main'), A);
  await expect.poll(() => shell.isShown(main.page), { message: 'the main window is shown' }).toBe(true);
  await expect(main.page.getByTestId('login-submit')).toBeVisible();
  await expect(main.registration).toHaveCount(0);

  // the popup and the media host exist from the start, hidden until a call needs them
  expect(await shell.isShown(await shell.window('popup'))).toBe(false);
  expect(await shell.isShown(await shell.window('media'))).toBe(false);

  await main.page.getByTestId('login-server').fill(serverUrl);
  await main.login();
  await expect(main.registration).toHaveText('登録済み');
  await expect(main.page.getByTestId('account-name')).toContainText(A.displayName);
});

test("B (Node softphone) calls A's extension: the popup window shows 202, Enter answers, audio both ways, 切断 ends it", async ({
  shell,
  serverUrl,
  nodePhones,
}) => {
  const main = await loginA(shell, serverUrl);
  const popup = await shell.window('popup');
  const media = await shell.window('media');
  const b = await nodePhones.open('B', B_TONE_HZ);

  const { lineId: bLineId } = (await b.call('call.dial', { target: A.extension })) as { lineId: string };

  // the popup window appears (shown by main, without focus) with the caller and the called number
  await expect.poll(() => shell.isShown(popup), { message: 'the popup window is shown' }).toBe(true);
  const card = popup.getByTestId('incoming-popup');
  await expect(card).toHaveAttribute('data-state', 'ringingIn');
  await expect(card.getByTestId('popup-caller-number')).toHaveText(B.extension);
  await expect(card.getByTestId('popup-caller-name')).toHaveText(B.displayName);
  await expect(card.getByTestId('popup-called-number')).toHaveText(A.extension);
  await b.waitForLine((line) => line.id === bLineId && line.state === 'ringingOut');

  // the popup window owns its keys: Enter answers wherever the focus is in it
  await popup.keyboard.press('Enter');

  await expect(card).toHaveAttribute('data-state', 'connected');
  await expect(card.getByTestId('popup-timer')).toHaveText(/^\d\d:\d\d$/);
  await expect(main.lines.getByTestId('line-state')).toHaveText('通話中');
  await b.waitForLine((line) => line.id === bLineId && line.state === 'connected', { description: 'B 通話中' });
  expect(await shell.isShown(popup), 'an answered call keeps its popup').toBe(true);

  // A → B: RTP from Electron's (fake) microphone reaches B's peer connection, and keeps coming
  const bytesAtB = async () =>
    (await b.mediaHost.handlers['media.stats']({})).sessions.reduce((sum, session) => sum + session.bytesReceived, 0);
  await expect.poll(bytesAtB, { message: 'audio from A arrives at B' }).toBeGreaterThan(0);
  const seen = await bytesAtB();
  await expect.poll(bytesAtB, { message: 'audio from A keeps arriving at B' }).toBeGreaterThan(seen);
  // B → A: A's media window plays B's tone
  const heard = await heardAudio(media, { minRms: MIN_TONE_RMS, timeoutMs: 10_000 });
  expect(heard.rms, "B's tone is audible in A's media window").toBeGreaterThan(MIN_TONE_RMS);
  expect(Math.abs(heard.frequencyHz - B_TONE_HZ)).toBeLessThanOrEqual(TONE_TOLERANCE_HZ);

  await card.getByTestId('popup-hangup').click();

  const endedAtB = await b.waitForSeenLine((line) => line.id === bLineId && line.state === 'ended', {
    description: "B's line ended",
  });
  expect(endedAtB.endReason).toBe('remoteHangup');
  await expect.poll(() => shell.isShown(popup), { message: 'the popup window hides' }).toBe(false);
  // ended lines stay a moment to show why they ended, then the phone is idle again
  await expect(main.lines).toHaveCount(0, { timeout: 20_000 });
  await expect(main.page.getByTestId('lines-empty')).toBeVisible();
  expect(b.liveLines()).toEqual([]);
});
