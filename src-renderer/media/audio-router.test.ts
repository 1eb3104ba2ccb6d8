import { describe, expect, it } from 'vitest';
import { AudioRouter, type AudioRoutingEnvironment } from './audio-router.js';
import type { MediaSession } from './media-session.js';
import { SharedMicrophone } from './shared-microphone.js';
import { SILENT_SIGNALS, type SignalPlayer, type SignalState } from './signal-player.js';
import { cadenceFor, cadenceLength, frequenciesAt, RINGBACK_CADENCE } from './signal-tones.js';

/** A stand-in microphone: one track per opened device, clones remember where they came from. */
class FakeTrack {
  stopped = false;
  enabled = true;
  readonly kind = 'audio';
  constructor(readonly device: string) {}
  get readyState(): string {
    return this.stopped ? 'ended' : 'live';
  }
  clone(): FakeTrack {
    return new FakeTrack(this.device);
  }
  stop(): void {
    this.stopped = true;
  }
}
function fakeStream(device: string): MediaStream {
  const track = new FakeTrack(device);
  return { getAudioTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream;
}

/** A call that uses the microphone: records which device it sends. */
class FakeSession {
  sending: FakeTrack | null = null;
  failNext = false;
  constructor(public usesMicrophone = true) {}
  async replaceMicrophone(track: MediaStreamTrack): Promise<void> {
    if (this.failNext) throw new Error('replaceTrack failed');
    this.sending?.stop();
    this.sending = track as unknown as FakeTrack;
  }
}

function setup(env: AudioRoutingEnvironment = {}, failOpen: (device: string | null) => boolean = () => false) {
  const opened: Array<string | null> = [];
  const microphone = new SharedMicrophone(async (deviceId) => {
    opened.push(deviceId);
    if (failOpen(deviceId)) throw new Error(`NotFoundError: ${deviceId}`);
    return fakeStream(deviceId ?? 'default');
  });
  const sessions: FakeSession[] = [];
  const router = new AudioRouter(env, microphone, () => sessions as unknown as MediaSession[]);
  return { router, microphone, sessions, opened };
}

describe('SharedMicrophone device choice', () => {
  it('without a call only remembers the device; the next call opens it', async () => {
    const { microphone, opened } = setup();
    expect(await microphone.switchTo('usb')).toBeNull();
    expect(opened).toEqual([]);
    const track = (await microphone.acquire()) as unknown as FakeTrack;
    expect(track.device).toBe('usb');
    expect(opened).toEqual(['usb']);
  });

  it('a failed switch keeps the device in use and says why', async () => {
    const { microphone } = setup({}, (device) => device === 'gone');
    const first = (await microphone.acquire()) as unknown as FakeTrack;
    await expect(microphone.switchTo('gone')).rejects.toThrow(/NotFoundError/);
    expect(microphone.deviceId).toBeNull();
    expect(((await microphone.acquire()) as unknown as FakeTrack).device).toBe(first.device);
  });
});

describe('AudioRouter', () => {
  it('switching the microphone replaces the track of every live call and stops the old device', async () => {
    const { router, microphone, sessions } = setup();
    const callA = new FakeSession();
    const callB = new FakeSession();
    const idle = new FakeSession(false);
    sessions.push(callA, callB, idle);
    callA.sending = (await microphone.acquire()) as unknown as FakeTrack;
    callB.sending = (await microphone.acquire()) as unknown as FakeTrack;
    const oldA = callA.sending;

    expect(await router.setMicrophone('headset')).toEqual({ status: 'applied' });
    expect(callA.sending?.device).toBe('headset');
    expect(callB.sending?.device).toBe('headset');
    expect(idle.sending).toBeNull();
    expect(oldA.stopped).toBe(true);
    expect(callA.sending).not.toBe(callB.sending); // each call its own clone (mute per call)
  });

  it('reports a device that cannot be opened as failed, the calls keep the old one', async () => {
    const { router, microphone, sessions } = setup({}, (device) => device === 'unplugged');
    const call = new FakeSession();
    sessions.push(call);
    call.sending = (await microphone.acquire()) as unknown as FakeTrack;
    const outcome = await router.setMicrophone('unplugged');
    expect(outcome).toMatchObject({ status: 'failed', message: expect.stringMatching(/NotFoundError/) });
    expect(call.sending.device).toBe('default');
    expect(call.sending.stopped).toBe(false);
  });

  it('a call whose replaceTrack fails makes the outcome failed, the others still switch', async () => {
    const { router, microphone, sessions } = setup();
    const broken = new FakeSession();
    const fine = new FakeSession();
    sessions.push(broken, fine);
    broken.sending = (await microphone.acquire()) as unknown as FakeTrack;
    fine.sending = (await microphone.acquire()) as unknown as FakeTrack;
    broken.failNext = true;
    expect(await router.setMicrophone('usb')).toMatchObject({ status: 'failed' });
    expect(fine.sending.device).toBe('usb');
  });

  it('without setSinkId or a signal player, routing answers unsupported (the call goes on)', async () => {
    const { router } = setup();
    expect(await router.setSpeaker('headset')).toEqual({ status: 'unsupported' });
    expect(await router.setRinger('desk')).toEqual({ status: 'unsupported' });
    expect(await router.setSignals({ ringtone: 'classic', ringback: false, callWaiting: false })).toEqual({ status: 'unsupported' });
    expect(await router.listDevices()).toEqual({ devices: [], speakerSelection: false });
  });

  it('speaker goes to the call audio and to ringback; ringer and signals to the signal player', async () => {
    const calls: string[] = [];
    const played: SignalState[] = [];
    const signals: SignalPlayer = {
      setRinger: async (id) => (calls.push(`ringer ${id}`), { status: 'applied' }),
      setSpeaker: async (id) => (calls.push(`signal speaker ${id}`), { status: 'applied' }),
      play: async (state) => (played.push(state), { status: 'applied' }),
      dispose: () => calls.push('dispose'),
    };
    const { router } = setup({
      signals,
      canSelectSpeaker: true,
      setSpeaker: async (id) => (calls.push(`call speaker ${id}`), { status: 'applied' }),
      listDevices: async () => [
        { kind: 'audioinput', deviceId: 'm1', label: 'マイク' },
        { kind: 'audiooutput', deviceId: 's1', label: 'x'.repeat(500) },
      ],
    });
    expect(await router.setSpeaker('s1')).toEqual({ status: 'applied' });
    expect(await router.setRinger(null)).toEqual({ status: 'applied' });
    await router.setSignals({ ringtone: null, ringback: true, callWaiting: false });
    expect(calls).toEqual(['call speaker s1', 'signal speaker s1', 'ringer null']);
    expect(played).toEqual([{ ringtone: null, ringback: true, callWaiting: false }]);
    const list = await router.listDevices();
    expect(list.speakerSelection).toBe(true);
    expect(list.devices[1]?.label).toHaveLength(256);
    router.dispose();
    expect(calls).toContain('dispose');
    expect(router.signals).toEqual(SILENT_SIGNALS);
  });

  it('a setSinkId that rejects (device gone) is a failed outcome, not a throw', async () => {
    const { router } = setup({ setSpeaker: () => Promise.reject(new Error('NotFoundError: Requested device not found')) });
    expect(await router.setSpeaker('gone')).toEqual({ status: 'failed', message: 'NotFoundError: Requested device not found' });
  });
});

describe('signal tones', () => {
  it('ringback is 400 Hz-ish for 1 s then 2 s of silence, repeating', () => {
    expect(cadenceLength(RINGBACK_CADENCE)).toBe(3_000);
    expect(frequenciesAt(RINGBACK_CADENCE, 500)).toEqual([384, 416]);
    expect(frequenciesAt(RINGBACK_CADENCE, 1_500)).toEqual([]);
    expect(frequenciesAt(RINGBACK_CADENCE, 3_200)).toEqual([384, 416]);
  });

  it('each ringtone has its own sound; silent has none', () => {
    expect(cadenceFor('ringtone', 'silent')).toBeNull();
    expect(cadenceFor('ringtone', null)).toBeNull();
    const first = (['classic', 'chime', 'pulse'] as const).map((tone) => frequenciesAt(cadenceFor('ringtone', tone)!, 0)[0]);
    expect(new Set(first).size).toBe(3);
  });
});
