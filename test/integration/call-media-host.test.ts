import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessMediaHostLink, type MediaHostLink } from '../../src-main/core/media/media-host-link.js';
import { MediaHost } from '../../src-renderer/media/media-host.js';
import { MIN_TONE_RMS, receivedTone } from '../support/received-tone.js';
import { estimateTone, sine, toFloat } from '../support/tone-analysis.js';
import { waitFor } from '../support/wait-for.js';
import { WrtcMediaEnvironment } from '../support/wrtc-media-environment.js';

/**
 * The media host on @roamhq/wrtc, two of them wired SDP to SDP the way the proxy SDH drives
 * them (no SIP, no server): offer/answer, real audio both ways, hold, mute, rollback, close.
 */
interface Side {
  media: WrtcMediaEnvironment;
  host: MediaHost;
  link: MediaHostLink;
}

const sides: Side[] = [];
afterEach(() => {
  for (const side of sides.splice(0)) {
    side.host.dispose();
    side.media.dispose();
  }
});

function side(toneHz: number): Side {
  const media = new WrtcMediaEnvironment({ toneHz });
  const host = new MediaHost(media.env);
  const s = { media, host, link: createInProcessMediaHostLink(host.handlers) };
  sides.push(s);
  return s;
}

async function connect(a: Side, b: Side): Promise<void> {
  const offer = await a.link.request('media.getDescription', { sdhId: 'x' });
  expect(offer.type).toBe('offer');
  await b.link.request('media.setDescription', { sdhId: 'y', sdp: offer.sdp });
  const answer = await b.link.request('media.getDescription', { sdhId: 'y' });
  expect(answer.type).toBe('answer');
  await a.link.request('media.setDescription', { sdhId: 'x', sdp: answer.sdp });
}

async function dominantTone(s: Side): Promise<number> {
  const tone = await receivedTone(s.media);
  expect(tone.rms).toBeGreaterThan(MIN_TONE_RMS);
  return tone.frequencyHz;
}

describe('tone analysis', () => {
  it('finds the dominant frequency of a sine and reports its level', () => {
    const estimate = estimateTone(sine(440, 48_000, 9_600, 0.3), 48_000);
    expect(estimate.frequencyHz).toBe(440);
    expect(estimate.rms).toBeCloseTo(0.3 / Math.SQRT2, 2);
    expect(estimateTone(sine(1000, 48_000, 9_600, 0.3), 48_000).frequencyHz).toBe(1000);
    expect(estimateTone(new Float32Array(9_600), 48_000).rms).toBe(0);
  });
});

describe('MediaHost on @roamhq/wrtc', () => {
  it('negotiates and carries each side’s tone to the other', async () => {
    const a = side(440);
    const b = side(1000);
    await connect(a, b);
    expect(Math.abs((await dominantTone(b)) - 440)).toBeLessThanOrEqual(20);
    expect(Math.abs((await dominantTone(a)) - 1000)).toBeLessThanOrEqual(20);
    const stats = await a.link.request('media.stats', {});
    expect(stats.sessions).toHaveLength(1);
    expect(stats.sessions[0]).toMatchObject({ sdhId: 'x', connectionState: 'connected' });
    expect(stats.sessions[0]!.bytesReceived).toBeGreaterThan(0);
    expect(stats.sessions[0]!.bytesSent).toBeGreaterThan(0);
  });

  it('offers sendonly on hold, and rolls an unanswered offer back', async () => {
    const a = side(440);
    const b = side(1000);
    await connect(a, b);
    const hold = await a.link.request('media.getDescription', { sdhId: 'x', hold: true });
    expect(hold.type).toBe('offer');
    expect(hold.sdp).toMatch(/a=sendonly/);
    await a.link.request('media.rollback', { sdhId: 'x' });
    // after the rollback the connection is stable again and can make a fresh offer
    const again = await a.link.request('media.getDescription', { sdhId: 'x' });
    expect(again.type).toBe('offer');
    expect(again.sdp).toMatch(/a=sendrecv/);
    await b.link.request('media.setDescription', { sdhId: 'y', sdp: again.sdp });
    await b.link.request('media.rollback', { sdhId: 'y' }); // remote-offer rollback
    await a.link.request('media.rollback', { sdhId: 'x' });
    const stats = await b.link.request('media.stats', {});
    expect(stats.sessions[0]?.connectionState).toBe('connected');
  });

  it('mute silences the session’s microphone and unmute brings the tone back', async () => {
    const a = side(440);
    const b = side(1000);
    await connect(a, b);
    await dominantTone(b);
    await a.link.request('media.setMuted', { sdhId: 'x', muted: true });
    // muted: the received level at B drops to (near) silence
    await waitFor(
      () => {
        const audio = b.media.recentAudio(100);
        return audio && estimateTone(toFloat(audio.samples), audio.sampleRate).rms < 0.005;
      },
      { description: 'silence at B after mute' },
    );
    await a.link.request('media.setMuted', { sdhId: 'x', muted: false });
    expect(Math.abs((await dominantTone(b)) - 440)).toBeLessThanOrEqual(20);
  });

  it('answers unknown sessions with not-found, DTMF without a sender with false, and releases everything on close', async () => {
    const a = side(440);
    const b = side(1000);
    await expect(a.link.request('media.rollback', { sdhId: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(a.link.request('media.setDescription', { sdhId: 'bad', sdp: '' })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await connect(a, b);
    expect(typeof (await a.link.request('media.sendDtmf', { sdhId: 'x', tones: '1' }))).toBe('boolean');
    await waitFor(() => a.media.liveMicrophones === 1, { description: 'A microphone open' });
    await a.link.request('media.close', { sdhId: 'x' });
    await b.link.request('media.close', { sdhId: 'y' });
    expect((await a.link.request('media.stats', {})).sessions).toEqual([]);
    expect((await b.link.request('media.stats', {})).sessions).toEqual([]);
    await waitFor(() => a.media.liveMicrophones === 0 && b.media.liveMicrophones === 0, {
      description: 'microphones released',
    });
  });
});
