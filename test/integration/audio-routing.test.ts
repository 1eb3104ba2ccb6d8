import { afterEach, describe, expect, it } from 'vitest';
import type { AudioRouteOutcome } from '../../src-shared/contract/media-contract.js';
import type { PhoneSettings } from '../../src-shared/contract/requests/settings.js';
import type { SignalPlayer, SignalState } from '../../src-renderer/media/signal-player.js';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { MIN_TONE_RMS, TONE_TOLERANCE_HZ, receivedTone } from '../support/received-tone.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 5 point 10 against the real server with media on @roamhq/wrtc: the caller's core asks its
 * media host for ringback while the callee rings (180 without SDP), the callee's for its
 * ringtone; after the answer, the caller switches microphones mid-call and the far end hears the
 * new device's tone (replaceTrack, no renegotiation).
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

/** wrtc plays no sound: a signal player that records what the media host was asked to play. */
class RecordedSignals implements SignalPlayer {
  readonly states: SignalState[] = [];
  get last(): SignalState | undefined {
    return this.states[this.states.length - 1];
  }
  setRinger = async (): Promise<AudioRouteOutcome> => ({ status: 'applied' });
  setSpeaker = async (): Promise<AudioRouteOutcome> => ({ status: 'applied' });
  play = async (state: SignalState): Promise<AudioRouteOutcome> => {
    this.states.push(state);
    return { status: 'applied' };
  };
  dispose(): void {}
}

function softphone(toneHz: number, microphones?: Record<string, number>): { phone: TestSoftphone; signals: RecordedSignals } {
  const phone = new TestSoftphone({ toneHz, ...(microphones ? { microphones } : {}) });
  phones.push(phone);
  const signals = new RecordedSignals();
  phone.media.env.signals = signals;
  return { phone, signals };
}

/** Waits until the phone hears `hz` (the media path may need a moment to carry the new track). */
async function hears(phone: TestSoftphone, hz: number): Promise<void> {
  let last = { frequencyHz: 0, rms: 0 };
  await waitFor(
    async () => {
      last = await receivedTone(phone.media);
      return last.rms > MIN_TONE_RMS && Math.abs(last.frequencyHz - hz) <= TONE_TOLERANCE_HZ;
    },
    { timeoutMs: 15_000, description: `hearing ${hz} Hz (last: ${JSON.stringify(last)})` },
  );
}

describe('audio routing through the media host', () => {
  it('ringback and ringtone follow the call; switching the microphone mid-call changes what the far end hears', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const A = demoId('A');
    const B = demoId('B');
    const { phone: a, signals: aSignals } = softphone(440, { 'mic-second': 1_300 });
    const { phone: b, signals: bSignals } = softphone(1_000);
    await Promise.all([a.login(httpUrl, A.directNumber, A.password), b.login(httpUrl, B.directNumber, B.password)]);

    const devices = (await a.call('audio.listDevices', {})) as { microphones: Array<{ deviceId: string }>; speakerSelection: boolean };
    expect(devices.microphones.map((device) => device.deviceId)).toEqual(['mic-second']);
    expect(devices.speakerSelection).toBe(false);

    const { lineId } = (await a.call('call.dial', { target: B.extension })) as { lineId: string };
    const ringing = await b.waitForLine((line) => line.direction === 'incoming' && line.state === 'ringingIn');
    const ringingOut = await a.waitForLine((line) => line.id === lineId && line.state === 'ringingOut');
    // the PBX relays 180 without SDP: no early media, so the caller's host plays ringback
    expect(ringingOut.earlyMedia ?? false).toBe(false);
    await waitFor(() => aSignals.last?.ringback === true, { description: 'ringback requested at A' });
    await waitFor(() => bSignals.last?.ringtone === 'classic', { description: 'ringtone requested at B' });

    await b.call('call.answer', { lineId: ringing.id });
    await a.waitForLine((line) => line.id === lineId && line.state === 'connected');
    await waitFor(() => aSignals.last?.ringback === false, { description: 'ringback stopped at A' });
    await waitFor(() => bSignals.last?.ringtone === null, { description: 'ringtone stopped at B' });

    await hears(b, 440);
    expect(await a.call('audio.setMicrophone', { deviceId: 'mic-second' })).toEqual({ status: 'applied' });
    await hears(b, 1_300);
    // the first "microphone" was released; the call still goes both ways
    await waitFor(() => a.media.liveMicrophones === 1, { description: 'old microphone stopped' });
    await hears(a, 1_000);

    // wrtc has no output devices: the choice is saved, the host says unsupported, the call goes on
    expect(await a.call('audio.setSpeaker', { deviceId: 'headset' })).toEqual({ status: 'unsupported' });
    const settings = (await a.call('settings.get', {})) as PhoneSettings;
    expect(settings.audio).toMatchObject({ microphoneId: 'mic-second', speakerId: 'headset' });
    // a device that does not exist is reported, and the call keeps the one it has
    expect(await a.call('audio.setMicrophone', { deviceId: 'unplugged' })).toMatchObject({ status: 'failed' });
    await hears(b, 1_300);

    await a.call('call.hangup', { lineId });
    await b.waitForSeenLine((line) => line.id === ringing.id && line.state === 'ended');
    await waitFor(() => a.media.liveMicrophones === 0, { description: 'microphone closed after the call' });
  });
});
