import { describe, expect, it } from 'vitest';
import { parseSavedBounds, restoreBounds } from './window-bounds.js';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };
const fallback = { width: 420, height: 640 };

describe('restoreBounds', () => {
  it('keeps bounds that are on a display', () => {
    expect(restoreBounds({ x: 2000, y: 100, width: 420, height: 640 }, [laptop, rightMonitor], fallback)).toEqual({ x: 2000, y: 100, width: 420, height: 640 });
  });

  it('centres on the primary display when the saved monitor is gone', () => {
    expect(restoreBounds({ x: 2000, y: 100, width: 420, height: 640 }, [laptop], fallback)).toEqual({ x: 750, y: 200, width: 420, height: 640 });
  });

  it('pulls a window that hangs off the edge back in and shrinks one larger than the display', () => {
    expect(restoreBounds({ x: 1700, y: -10, width: 420, height: 640 }, [laptop], fallback)).toEqual({ x: 1500, y: 0, width: 420, height: 640 });
    expect(restoreBounds({ x: 10, y: 10, width: 3000, height: 2000 }, [laptop], fallback)).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it('treats a title bar that is barely visible as lost', () => {
    expect(restoreBounds({ x: 1900, y: 100, width: 420, height: 640 }, [laptop], fallback).x).toBe(750);
  });
});

describe('parseSavedBounds', () => {
  it('accepts sane numbers and refuses anything else', () => {
    expect(parseSavedBounds({ x: 1.4, y: 2, width: 400, height: 600 })).toEqual({ x: 1, y: 2, width: 400, height: 600 });
    for (const bad of [null, 'x', { x: 1, y: 2, width: 50, height: 600 }, { x: NaN, y: 0, width: 400, height: 400 }, { x: 1e9, y: 0, width: 400, height: 400 }, { x: '1', y: 0, width: 400, height: 400 }]) {
      expect(parseSavedBounds(bad)).toBeNull();
    }
  });
});
