/**
 * The desktop half of the shell, in the real Electron: the tray follows registration, an inbound
 * call from the PSTN simulator pops up and is answered by the global answer shortcut, and a
 * tel: link handed to a second launch dials. The OS tray and OS-wide keys cannot be driven from
 * here, so the test reads the tray's view and triggers the shortcut's action through the hooks a
 * development build exposes (PLUSPHONE_E2E_HOOKS); everything behind them is the real app.
 */
import { SoftphonePage } from '../e2e/support/softphone-page.js';
import { demoId } from '../src-server/store/demo-tenant.js';
import { electron, electronSkipReason, expect, test } from './support/fixtures.js';
import type { ShellUnderTest } from './support/shell-under-test.js';

test.skip(!electron.ok, electronSkipReason);

const A = demoId('A');

interface DesktopHooks {
  trayView: { icon: string; tooltip: string; badge: boolean } | null;
  triggerShortcut(action: string): void;
  handleArgv(argv: string[]): void;
}

const trayIcon = (shell: ShellUnderTest) =>
  shell.app.evaluate(() => (globalThis as unknown as { __plusphoneDesktop: () => DesktopHooks | null }).__plusphoneDesktop()?.trayView?.icon ?? null);

async function loginA(shell: ShellUnderTest, serverUrl: string): Promise<SoftphonePage> {
  const main = new SoftphonePage(await shell.window('main'), A);
  await expect.poll(() => shell.isShown(main.page), { message: 'the main window is shown' }).toBe(true);
  await main.page.getByTestId('login-server').fill(serverUrl);
  await main.login();
  await expect(main.registration).toHaveText('登録済み');
  return main;
}

test('the tray follows login; the answer shortcut answers a PSTN call in the popup; a tel: link dials', async ({ shell, serverUrl }) => {
  await expect.poll(() => trayIcon(shell), { message: 'tray before login' }).toBe('loggedOut');
  const main = await loginA(shell, serverUrl);
  await expect.poll(() => trayIcon(shell), { message: 'tray after login' }).toBe('registered');

  const placed = await fetch(new URL('/api/dev/pstn-call', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: '09012345678', to: A.directNumber }),
  });
  expect(placed.status).toBe(202);
  const popup = await shell.window('popup');
  await expect.poll(() => shell.isShown(popup), { message: 'the popup window is shown' }).toBe(true);
  const card = popup.getByTestId('incoming-popup');
  await expect(card).toHaveAttribute('data-state', 'ringingIn');
  await expect(card.getByTestId('popup-caller-number')).toHaveText('090-1234-5678');

  await shell.app.evaluate(() => (globalThis as unknown as { __plusphoneDesktop: () => DesktopHooks }).__plusphoneDesktop().triggerShortcut('answer'));
  await expect(card).toHaveAttribute('data-state', 'connected');
  await shell.app.evaluate(() => (globalThis as unknown as { __plusphoneDesktop: () => DesktopHooks }).__plusphoneDesktop().triggerShortcut('hangup'));
  await expect.poll(() => shell.isShown(popup), { message: 'the popup window hides' }).toBe(false);

  // what Windows does for a click on a tel: link while PlusPhone runs: a second launch, forwarded here
  await shell.app.evaluate(({ app }) => app.emit('second-instance', {}, ['PlusPhone.exe', '--', 'tel:03-1234-0001'], ''));
  await expect(main.lines.getByTestId('line-state')).toHaveText(/発信中|呼出中|通話中/);
});
