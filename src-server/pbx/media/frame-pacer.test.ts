import { describe, expect, it } from 'vitest';
import { FramePacer } from './frame-pacer.js';

describe('FramePacer', () => {
  it('passes frames arriving in real time, however long', () => {
    const pacer = new FramePacer({ perSecond: 100, burst: 5 });
    const passed = Array.from({ length: 1000 }, (_, i) => pacer.admit(i * 10)).filter(Boolean).length;
    expect(passed).toBe(1000);
  });

  it('after a stall lets a little catch-up through and drops the rest of the backlog', () => {
    const pacer = new FramePacer({ perSecond: 100, burst: 5 });
    for (let i = 0; i < 10; i++) pacer.admit(i * 10);
    // one second late: 100 frames arrive at once
    const passed = Array.from({ length: 100 }, () => pacer.admit(1_090)).filter(Boolean).length;
    expect(passed).toBe(5);
    // then real time again: everything passes
    expect(Array.from({ length: 50 }, (_, i) => pacer.admit(1_100 + i * 10)).every(Boolean)).toBe(true);
  });
});
