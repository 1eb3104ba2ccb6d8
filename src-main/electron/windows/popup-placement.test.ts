import { describe, expect, it } from 'vitest';
import { POPUP_MARGIN, popupBounds } from './popup-placement.js';

const size = { width: 360, height: 168 };

describe('popupBounds', () => {
  it('puts the popup top centre of the work area', () => {
    expect(popupBounds({ x: 0, y: 0, width: 1920, height: 1040 }, size)).toEqual({
      x: 780,
      y: POPUP_MARGIN,
      width: 360,
      height: 168,
    });
  });

  it('uses the work area of a secondary display, including negative coordinates and a top taskbar', () => {
    expect(popupBounds({ x: -1280, y: 40, width: 1280, height: 984 }, size)).toEqual({
      x: -1280 + 460,
      y: 40 + POPUP_MARGIN,
      width: 360,
      height: 168,
    });
  });

  it('stacks further popups below the first', () => {
    const first = popupBounds({ x: 0, y: 0, width: 1920, height: 1040 }, size, 0);
    const second = popupBounds({ x: 0, y: 0, width: 1920, height: 1040 }, size, 1);
    expect(second.x).toBe(first.x);
    expect(second.y).toBe(first.y + size.height + POPUP_MARGIN);
  });

  it('never leaves the work area: a tall stack reuses the last slot, a tiny screen clips the popup', () => {
    const area = { x: 0, y: 0, width: 800, height: 600 };
    const deep = popupBounds(area, size, 50);
    expect(deep.y + deep.height).toBeLessThanOrEqual(area.y + area.height);
    expect(deep.y).toBeGreaterThanOrEqual(area.y);

    const tiny = popupBounds({ x: 10, y: 20, width: 300, height: 100 }, size);
    expect(tiny).toEqual({ x: 10, y: 20, width: 300, height: 100 });
  });
});
