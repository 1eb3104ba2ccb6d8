import { describe, expect, it } from 'vitest';
import { pstnBehaviour } from './pstn-numbers.js';

describe('pstnBehaviour (the simulator numbers of the README)', () => {
  it('knows the special numbers', () => {
    expect(pstnBehaviour('0312340000')).toEqual({ kind: 'echo', delayMs: 200 });
    expect(pstnBehaviour('0312340001')).toEqual({ kind: 'tone', frequencyHz: 1000 });
    expect(pstnBehaviour('0312340002')).toEqual({ kind: 'speech' });
    expect(pstnBehaviour('0312340003')).toEqual({ kind: 'busy' });
    expect(pstnBehaviour('0312340004')).toEqual({ kind: 'neverAnswers' });
  });

  it('answers any other national number with speech, and nothing that is not a full national number', () => {
    expect(pstnBehaviour('09012345678')).toEqual({ kind: 'speech' });
    expect(pstnBehaviour('0120123456')).toEqual({ kind: 'speech' });
    expect(pstnBehaviour('101')).toBeUndefined();
    expect(pstnBehaviour('031234')).toBeUndefined();
  });
});
