import { describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../src-shared/contract/dispatch.js';
import { mediaRequests } from '../../src-shared/contract/media-contract.js';
import { MediaHost, type MediaHostEnvironment } from './media-host.js';

/** The routing requests as the core sends them, through the media contract's validation. */
function host(env: Partial<MediaHostEnvironment> = {}) {
  const opened: Array<string | null | undefined> = [];
  const media = new MediaHost({
    RTCPeerConnection: class {} as unknown as MediaHostEnvironment['RTCPeerConnection'],
    getMicrophone: async (deviceId) => {
      opened.push(deviceId);
      throw new Error('no microphone in this test');
    },
    prewarmPeerConnection: false,
    ...env,
  });
  const invoke = (method: string, args: unknown) => dispatchRequest(mediaRequests, media.handlers, method, args);
  return { media, invoke, opened };
}

describe('MediaHost audio routing requests', () => {
  it('an environment without outputs or a tone player answers unsupported; nothing throws', async () => {
    const { invoke, media } = host();
    expect(await invoke('media.setSpeaker', { deviceId: 'headset' })).toEqual({ ok: true, value: { status: 'unsupported' } });
    expect(await invoke('media.setRinger', { deviceId: null })).toEqual({ ok: true, value: { status: 'unsupported' } });
    expect(await invoke('media.setSignals', { ringtone: 'classic', ringback: false })).toEqual({ ok: true, value: { status: 'unsupported' } });
    expect(await invoke('media.listDevices', {})).toEqual({ ok: true, value: { devices: [], speakerSelection: false } });
    // no call: the microphone choice is only remembered, nothing is opened
    expect(await invoke('media.setMicrophone', { deviceId: 'usb' })).toEqual({ ok: true, value: { status: 'applied' } });
    media.dispose();
    expect(await invoke('media.setSpeaker', { deviceId: null })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('refuses malformed routing requests before they reach the environment', async () => {
    let reached = 0;
    const { invoke } = host({ setSpeaker: async () => (reached++, { status: 'applied' }) });
    expect(await invoke('media.setSpeaker', { deviceId: '' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await invoke('media.setSpeaker', { deviceId: 'x'.repeat(300) })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await invoke('media.setSignals', { ringtone: 'siren', ringback: false })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(reached).toBe(0);
    expect(await invoke('media.setSpeaker', { deviceId: 'ok' })).toEqual({ ok: true, value: { status: 'applied' } });
    expect(reached).toBe(1);
  });
});
