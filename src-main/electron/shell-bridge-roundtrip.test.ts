import { describe, expect, it } from 'vitest';
import { ok } from '../../src-shared/contract/result.js';
import { createContractBridge } from '../../src-preload/contract-bridge.js';
import { createMediaBridge } from '../../src-preload/media-bridge.js';
import { AppPages } from './app-pages.js';
import { ShellApp } from './shell-app.js';
import { FakeClock, createFakeElectron, liveWindowOfKind, recordingLogger } from './testing/fake-electron.js';
import { FakeIpcRenderer } from './testing/fake-ipc-renderer.js';
import { FakePhone } from './testing/fake-phone.js';
import { line, snapshotWith } from './testing/snapshots.js';

/**
 * The shell's main side and the real preload bridges, joined by a fake IPC that copies like
 * Electron's: checks that both sides agree on channels, envelopes and sender rules.
 */
async function startShell() {
  const electron = createFakeElectron();
  const phones: FakePhone[] = [];
  const clock = new FakeClock();
  const shell = new ShellApp({
    electron: electron.api,
    pages: new AppPages({ rendererDir: '/app/out/renderer' }),
    preloadPath: '/app/out/preload/index.cjs',
    createPhone: (mediaHost) => {
      const phone = new FakePhone(mediaHost);
      phones.push(phone);
      return phone;
    },
    logger: recordingLogger(),
    clock,
  });
  await shell.start();
  const page = (kind: 'main' | 'popup' | 'media') =>
    new FakeIpcRenderer(electron.ipcMain, liveWindowOfKind(electron.windows, kind).webContents);
  return { ...electron, clock, shell, phone: phones[0]!, page };
}

describe('preload ⇄ main over IPC', () => {
  it('a UI window calls the contract and receives snapshots', async () => {
    const t = await startShell();
    const plusphone = createContractBridge(t.page('main'));
    await expect(plusphone.invoke('call.dial', { target: '203' })).resolves.toEqual({ ok: true, value: { lineId: 'L9' } });
    expect(t.phone.calls).toEqual(['dial 203']);

    const seen: unknown[] = [];
    const popupBridge = createContractBridge(t.page('popup'));
    const stop = popupBridge.on('phone.snapshot', (s) => seen.push(s));
    const ringing = snapshotWith([line({ id: 'L1' })], 5);
    t.phone.push(ringing);
    expect(seen).toEqual([ringing]);
    await expect(popupBridge.invoke('call.answer', { lineId: 'L1' })).resolves.toEqual({ ok: true, value: null });
    stop();
    t.phone.push(snapshotWith([], 6));
    expect(seen).toHaveLength(1);
    await t.shell.dispose();
  });

  it('main refuses contract calls from the media window and from a window that left its page', async () => {
    const t = await startShell();
    const fromMedia = createContractBridge(t.page('media'));
    await expect(fromMedia.invoke('call.dial', { target: '203' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const main = liveWindowOfKind(t.windows, 'main');
    const bridge = createContractBridge(t.page('main'));
    main.webContents.url = 'https://evil.example/';
    await expect(bridge.invoke('account.logout', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(t.phone.calls).toEqual([]);
    await t.shell.dispose();
  });

  it('the core’s media requests reach the media page’s handler and come back as values', async () => {
    const t = await startShell();
    const handled: Array<[string, unknown]> = [];
    createMediaBridge(t.page('media')).serve(async (method, args) => {
      handled.push([method, args]);
      return ok({ sessions: [] });
    });
    await expect(t.phone.mediaHost.request('media.stats', {})).resolves.toEqual({ sessions: [] });
    expect(handled).toEqual([['media.stats', {}]]);
    await t.shell.dispose();
  });

  it('a media page error reaches the core as a ContractFailure', async () => {
    const t = await startShell();
    createMediaBridge(t.page('media')).serve(async () => {
      throw new Error('getUserMedia: NotAllowedError');
    });
    await expect(t.phone.mediaHost.request('media.getDescription', { sdhId: 's1' })).rejects.toMatchObject({
      name: 'ContractFailure',
      code: 'internal',
      message: 'getUserMedia: NotAllowedError',
    });
    await t.shell.dispose();
  });

  it('a crashed media window fails the request at once, and its replacement serves again', async () => {
    const t = await startShell();
    createMediaBridge(t.page('media')).serve(() => new Promise(() => undefined)); // never answers
    const lost = t.phone.mediaHost.request('media.stats', {});
    liveWindowOfKind(t.windows, 'media').webContents.crash('oom');
    await expect(lost).rejects.toMatchObject({ code: 'unavailable' });

    // the first failure is re-created without delay; its page serves and answers
    t.clock.advance(0);
    createMediaBridge(t.page('media')).serve(async () => ok({ sessions: [] }));
    await expect(t.phone.mediaHost.request('media.stats', {})).resolves.toEqual({ sessions: [] });
    await t.shell.dispose();
  });
});
