/**
 * The parties of a raw-SIP PBX test: demo accounts, the RawSipClients and wrtc endpoints a test
 * opens (closed together after it), a call from A to B's registered device, and "hears this tone".
 */
import { expect } from 'vitest';
import { DEMO_IDENTITIES, type DemoKey } from './demo-directory.js';
import { RawSipClient, type OutgoingCall, type SipAccount } from './raw-sip-client.js';
import { estimateTone, toFloat } from './tone-analysis.js';
import { waitFor } from './wait-for.js';
import { WrtcAudioEndpoint } from './wrtc-audio-endpoint.js';
import { type SipRequest } from '../../src-server/pbx/sip/message.js';

export const demoAccount = (key: DemoKey): SipAccount => ({ user: DEMO_IDENTITIES[key].sipUser, password: DEMO_IDENTITIES[key].sipPassword });

export class RawPbxParties {
  private readonly clients: RawSipClient[] = [];
  private readonly endpoints: WrtcAudioEndpoint[] = [];

  /** `sipUrl` is read on each connect: a test may restart its harness. */
  constructor(private readonly sipUrl: () => string) {}

  async connect(): Promise<RawSipClient> {
    const client = await RawSipClient.connect(this.sipUrl());
    this.clients.push(client);
    return client;
  }

  async registered(key: DemoKey): Promise<RawSipClient> {
    const client = await this.connect();
    const { final } = await client.register(demoAccount(key));
    expect(final.status).toBe(200);
    return client;
  }

  /** A silent endpoint (its tone starts with startTone). */
  endpoint(toneHz: number): WrtcAudioEndpoint {
    const e = new WrtcAudioEndpoint(toneHz);
    this.endpoints.push(e);
    return e;
  }

  /** An endpoint already playing its tone. */
  playingEndpoint(toneHz: number): WrtcAudioEndpoint {
    const e = this.endpoint(toneHz);
    e.startTone();
    return e;
  }

  async closeClients(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((c) => c.close()));
  }

  async closeEndpoints(): Promise<void> {
    await Promise.all(this.endpoints.splice(0).map((e) => e.close()));
  }
}

/** A calls 202; B's device answers with `toTag`; media connected, then both start their tones. */
export async function answeredCall(
  a: RawSipClient,
  aMedia: WrtcAudioEndpoint,
  b: RawSipClient,
  bMedia: WrtcAudioEndpoint,
  toTag: string,
): Promise<{ call: OutgoingCall; invite: SipRequest }> {
  const call = await a.invite(demoAccount('A'), '202', await aMedia.offer());
  const invite = await b.nextRequest('INVITE');
  b.reply(invite, 200, { toTag, sdp: await bMedia.answer(invite.body) });
  const ok = await call.response(200, 299);
  await aMedia.accept(ok.body);
  call.ack2xx();
  aMedia.startTone();
  bMedia.startTone();
  return { call, invite };
}

/** Resolves once `e` hears `hz` in fresh audio (≥ 300 ms after the call, within 20 Hz, above silence). */
export async function hears(e: WrtcAudioEndpoint, hz: number, description: string, timeoutMs = 20_000): Promise<void> {
  const start = e.framesReceived; // only audio heard from now on counts
  let analysed = start;
  await waitFor(
    () => {
      // analyse at most every 100 ms of new audio: the scan is costly on a busy machine
      if (e.framesReceived < start + 30 || e.framesReceived < analysed + 10) return false;
      analysed = e.framesReceived;
      const samples = e.recentSamples(20);
      if (!samples) return false;
      const tone = estimateTone(toFloat(samples), 48_000);
      return Math.abs(tone.frequencyHz - hz) <= 20 && tone.rms > 0.05;
    },
    { description, timeoutMs },
  );
}
