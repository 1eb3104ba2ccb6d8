import { describe, expect, it } from 'vitest';
import { PstnEndpoint, type FarEndBehaviour } from './pstn-endpoint.js';
import { type CalleeLegListener } from '../b2bua/callee-leg.js';
import { monoFrame } from '../media/audio-player.js';

const FAST = { ringAfterMs: 1, answerAfterMs: 5 };

function ring(behaviour: FarEndBehaviour): { endpoint: PstnEndpoint; events: string[] } {
  const events: string[] = [];
  const listener: CalleeLegListener = {
    onCalleeRinging: () => events.push('ringing'),
    onCalleeAnswered: () => events.push('answered'),
    onCalleeFailed: (_leg, status) => events.push(`failed ${status}`),
    onLegEnded: (_leg, cause) => events.push(`ended ${cause}`),
  };
  const endpoint = new PstnEndpoint(behaviour, listener, FAST);
  void endpoint.start();
  return { endpoint, events };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PstnEndpoint', () => {
  it('the busy number rings, then fails with 486 and lets go', async () => {
    const { endpoint, events } = ring({ kind: 'busy' });
    await endpoint.finished;
    expect(events).toEqual(['ringing', 'failed 486']);
    expect(endpoint.isPending).toBe(false);
  });

  it('the never-answering number only rings, until it is told to stop', async () => {
    const { endpoint, events } = ring({ kind: 'neverAnswers' });
    await sleep(30);
    expect(events).toEqual(['ringing']);
    expect(endpoint.isPending).toBe(true);
    endpoint.terminate();
    await endpoint.finished;
    expect(endpoint.isDisposed).toBe(true);
  });

  it('the echo number plays back what it hears, after its delay', async () => {
    const { endpoint, events } = ring({ kind: 'echo', delayMs: 50 });
    await sleep(30);
    expect(events).toEqual(['ringing', 'answered']);
    await endpoint.connectMedia();
    const heard: number[] = [];
    endpoint.media.onAudio((frame) => heard.push(frame.samples[0]!));
    for (let i = 1; i <= 10; i++) endpoint.media.pushAudio(monoFrame(new Int16Array(480).fill(i)));
    await sleep(200);
    endpoint.terminate();
    expect(heard.filter((s) => s !== 0).slice(0, 3)).toEqual([1, 2, 3]);
  });
});
