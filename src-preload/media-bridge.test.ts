import { describe, expect, it } from 'vitest';
import { fail, ok } from '../src-shared/contract/result.js';
import { MEDIA_HOST_READY_TOPIC, MEDIA_RPC_CHANNEL } from './channels.js';
import { createMediaBridge, mediaRequestEnvelope } from './media-bridge.js';
import { RecordingIpcRenderer } from './testing/fake-bridges.js';

/** Resolves once the bridge has sent `count` messages to main. */
async function sentToMain(ipc: RecordingIpcRenderer, count: number) {
  for (let i = 0; i < 100 && ipc.sentToMain.length < count; i++) await new Promise((r) => setImmediate(r));
  return ipc.sentToMain.map((m) => m.args[0]);
}

describe('window.plusphoneMedia (media bridge)', () => {
  it('has exactly serve', () => {
    expect(Object.keys(createMediaBridge(new RecordingIpcRenderer()))).toEqual(['serve']);
  });

  it('announces readiness when the page serves, and answers each request with its id', async () => {
    const ipc = new RecordingIpcRenderer();
    const calls: Array<[string, unknown]> = [];
    createMediaBridge(ipc).serve(async (method, args) => {
      calls.push([method, args]);
      return ok({ type: 'offer', sdp: 'v=0' });
    });
    expect(ipc.sentToMain).toEqual([
      { channel: MEDIA_RPC_CHANNEL, args: [{ kind: 'event', topic: MEDIA_HOST_READY_TOPIC, payload: null }] },
    ]);
    ipc.fromMain(MEDIA_RPC_CHANNEL, { kind: 'request', id: 7, method: 'media.getDescription', args: { sdhId: 'a' } });
    const messages = await sentToMain(ipc, 2);
    expect(calls).toEqual([['media.getDescription', { sdhId: 'a' }]]);
    expect(messages[1]).toEqual({ kind: 'response', id: 7, result: { ok: true, value: { type: 'offer', sdp: 'v=0' } } });
  });

  it('turns a throwing handler, an {ok:false} and a malformed answer into Results for main', async () => {
    const ipc = new RecordingIpcRenderer();
    const answers = [
      () => Promise.reject(new Error('NotAllowedError')),
      () => Promise.resolve(fail('not-found', 'no session')),
      () => Promise.resolve(undefined as never),
    ];
    createMediaBridge(ipc).serve((_method, args) => answers[args as number]!());
    for (const id of [0, 1, 2]) ipc.fromMain(MEDIA_RPC_CHANNEL, { kind: 'request', id, method: 'media.close', args: id });
    const messages = await sentToMain(ipc, 4);
    expect(messages.slice(1)).toEqual([
      { kind: 'response', id: 0, result: { ok: false, error: { code: 'internal', message: 'NotAllowedError' } } },
      { kind: 'response', id: 1, result: { ok: false, error: { code: 'not-found', message: 'no session' } } },
      { kind: 'response', id: 2, result: expect.objectContaining({ ok: false }) },
    ]);
  });

  it('ignores malformed messages from main', async () => {
    const ipc = new RecordingIpcRenderer();
    let called = 0;
    createMediaBridge(ipc).serve(async () => {
      called += 1;
      return ok(null);
    });
    for (const junk of [null, 'x', { kind: 'response', id: 1 }, { kind: 'request', id: -1, method: 'm' }, { kind: 'request', id: 1 }]) {
      ipc.fromMain(MEDIA_RPC_CHANNEL, junk);
    }
    await new Promise((r) => setImmediate(r));
    expect(called).toBe(0);
    expect(ipc.sentToMain).toHaveLength(1);
  });

  it('serves once per page, and only with a function', () => {
    const bridge = createMediaBridge(new RecordingIpcRenderer());
    expect(() => bridge.serve('x' as never)).toThrow(TypeError);
    bridge.serve(async () => ok(null));
    expect(() => bridge.serve(async () => ok(null))).toThrow(/once/);
  });
});

describe('mediaRequestEnvelope', () => {
  it('accepts wire requests and nothing else', () => {
    expect(mediaRequestEnvelope({ kind: 'request', id: 0, method: 'media.stats', args: {} })).toEqual({
      id: 0,
      method: 'media.stats',
      args: {},
    });
    expect(mediaRequestEnvelope({ kind: 'request', id: 1.5, method: 'm' })).toBeNull();
    expect(mediaRequestEnvelope({ kind: 'request', id: 1, method: 'm'.repeat(65) })).toBeNull();
    expect(mediaRequestEnvelope({ kind: 'event', topic: 't' })).toBeNull();
  });
});
