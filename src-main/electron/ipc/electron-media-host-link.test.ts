import { describe, expect, it } from 'vitest';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import { FakeClock, FakeIpcMain, FakeWebContents, recordingLogger } from '../testing/fake-electron.js';
import { ElectronMediaHostLink } from './electron-media-host-link.js';
import { MEDIA_HOST_READY_TOPIC, MEDIA_RPC_CHANNEL } from './media-rpc-channel.js';

function setup(options: { timeoutMs?: number; onHostRestarted?: () => void } = {}) {
  const ipcMain = new FakeIpcMain();
  const clock = new FakeClock();
  let media: FakeWebContents | null = new FakeWebContents();
  const stranger = new FakeWebContents();
  const logger = recordingLogger();
  const link = new ElectronMediaHostLink({
    ipcMain,
    target: () => media,
    isMediaSender: (event) => media !== null && event.sender === media,
    clock,
    logger,
    timeoutMs: options.timeoutMs ?? 5_000,
    ...(options.onHostRestarted ? { onHostRestarted: options.onHostRestarted } : {}),
  });
  link.start();
  const fromMedia = (message: unknown, sender: FakeWebContents | null = media) =>
    ipcMain.deliver(MEDIA_RPC_CHANNEL, sender!.senderEvent(), message);
  const ready = () => fromMedia({ kind: 'event', topic: MEDIA_HOST_READY_TOPIC, payload: null });
  const requestsSentTo = (contents: FakeWebContents) =>
    contents.sent.filter((s) => s.channel === MEDIA_RPC_CHANNEL).map((s) => s.args[0] as { id: number; method: string; args: unknown });
  return {
    ipcMain,
    clock,
    link,
    logger,
    stranger,
    fromMedia,
    ready,
    requestsSentTo,
    media: () => media!,
    replaceMedia: (next: FakeWebContents | null) => (media = next),
  };
}

describe('ElectronMediaHostLink', () => {
  it('tells the core once when a re-created media host serves again, never at the first start', () => {
    let restarts = 0;
    const t = setup({ onHostRestarted: () => restarts++ });
    t.ready();
    expect(restarts).toBe(0);
    t.link.onHostGone('crashed');
    t.replaceMedia(new FakeWebContents());
    t.ready();
    t.ready(); // a repeated ready event is not another restart
    expect(restarts).toBe(1);
  });

  it('holds requests until the media page serves, then sends them with ids and resolves with the answer', async () => {
    const t = setup();
    const answer = t.link.request('media.getDescription', { sdhId: 'a1-1' });
    expect(t.requestsSentTo(t.media())).toEqual([]);
    t.ready();
    const [sent] = t.requestsSentTo(t.media());
    expect(sent).toEqual({ kind: 'request', id: expect.any(Number), method: 'media.getDescription', args: { sdhId: 'a1-1' } });
    t.fromMedia({ kind: 'response', id: sent!.id, result: { ok: true, value: { type: 'offer', sdp: 'v=0' } } });
    await expect(answer).resolves.toEqual({ type: 'offer', sdp: 'v=0' });
    expect(t.link.pendingCount()).toBe(0);
    expect(t.clock.pendingTimers()).toBe(0);
  });

  it('matches concurrent answers to their requests by id, in any order', async () => {
    const t = setup();
    t.ready();
    const first = t.link.request('media.setMuted', { sdhId: 'a', muted: true });
    const second = t.link.request('media.sendDtmf', { sdhId: 'a', tones: '1' });
    const [r1, r2] = t.requestsSentTo(t.media());
    expect(r1!.id).not.toBe(r2!.id);
    t.fromMedia({ kind: 'response', id: r2!.id, result: { ok: true, value: true } });
    t.fromMedia({ kind: 'response', id: r1!.id, result: { ok: true, value: null } });
    await expect(first).resolves.toBeNull();
    await expect(second).resolves.toBe(true);
  });

  it('rejects with the host’s ContractFailure when it answers {ok:false}', async () => {
    const t = setup();
    t.ready();
    const answer = t.link.request('media.close', { sdhId: 'x' });
    const [sent] = t.requestsSentTo(t.media());
    t.fromMedia({ kind: 'response', id: sent!.id, result: { ok: false, error: { code: 'not-found', message: 'no session' } } });
    await expect(answer).rejects.toMatchObject({ name: 'ContractFailure', code: 'not-found', message: 'no session' });
  });

  it('times out with ContractFailure("timeout") and ignores a late answer', async () => {
    const t = setup({ timeoutMs: 2_000 });
    t.ready();
    const answer = t.link.request('media.stats', {});
    const [sent] = t.requestsSentTo(t.media());
    t.clock.advance(2_000);
    await expect(answer).rejects.toMatchObject({ code: 'timeout' });
    expect(t.link.pendingCount()).toBe(0);
    t.fromMedia({ kind: 'response', id: sent!.id, result: { ok: true, value: { sessions: [] } } });
    expect(t.link.pendingCount()).toBe(0);
  });

  it('ignores answers from anyone but the media page, and malformed messages', async () => {
    const t = setup({ timeoutMs: 1_000 });
    t.ready();
    const answer = t.link.request('media.stats', {});
    const [sent] = t.requestsSentTo(t.media());
    t.fromMedia({ kind: 'response', id: sent!.id, result: { ok: true, value: 'forged' } }, t.stranger);
    t.fromMedia('garbage');
    t.fromMedia({ kind: 'response', id: 'x', result: {} });
    expect(t.link.pendingCount()).toBe(1);
    t.clock.advance(1_000);
    await expect(answer).rejects.toMatchObject({ code: 'timeout' });
    expect(t.logger.entries.filter((e) => e.level === 'warn').length).toBeGreaterThanOrEqual(2);
  });

  it('fails what is in flight as unavailable when the host dies, and serves the re-created host once it is ready', async () => {
    const t = setup();
    t.ready();
    const lost = t.link.request('media.getDescription', { sdhId: 'a' });
    t.replaceMedia(null);
    t.link.onHostGone('crashed');
    await expect(lost).rejects.toMatchObject({ code: 'unavailable' });

    const waiting = t.link.request('media.stats', {});
    const next = new FakeWebContents();
    t.replaceMedia(next);
    expect(t.requestsSentTo(next)).toEqual([]);
    t.ready();
    const [sent] = t.requestsSentTo(next);
    expect(sent?.method).toBe('media.stats');
    t.fromMedia({ kind: 'response', id: sent!.id, result: { ok: true, value: { sessions: [] } } });
    await expect(waiting).resolves.toEqual({ sessions: [] });
  });

  it('on dispose: fails pending requests, stops listening, refuses new requests', async () => {
    const t = setup();
    const pending = t.link.request('media.stats', {});
    t.link.dispose();
    await expect(pending).rejects.toBeInstanceOf(ContractFailure);
    expect(t.ipcMain.listenerCount(MEDIA_RPC_CHANNEL)).toBe(0);
    await expect(t.link.request('media.stats', {})).rejects.toMatchObject({ code: 'unavailable' });
    expect(t.clock.pendingTimers()).toBe(0);
  });
});
