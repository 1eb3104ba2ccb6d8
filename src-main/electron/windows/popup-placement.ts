import type { Rectangle } from 'electron';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Distance from the top of the work area, and between stacked popups (DIP). */
export const POPUP_MARGIN = 12;

/**
 * Where a popup goes: top centre of the work area (the display minus taskbar), the n-th popup
 * below the previous ones. Always inside the work area, even when it is smaller than the popup
 * or the stack is taller than the screen (then the last slot that fits is reused).
 */
export function popupBounds(workArea: Rectangle, size: Size, stackIndex = 0): Rectangle {
  const width = Math.min(size.width, workArea.width);
  const height = Math.min(size.height, workArea.height);
  const x = workArea.x + Math.floor((workArea.width - width) / 2);
  const step = height + POPUP_MARGIN;
  const firstY = workArea.y + Math.min(POPUP_MARGIN, workArea.height - height);
  const lastY = workArea.y + workArea.height - height;
  const slots = Math.max(1, Math.floor((lastY - firstY) / step) + 1);
  const slot = Math.min(Math.max(0, Math.floor(stackIndex)), slots - 1);
  return { x, y: firstY + slot * step, width, height };
}
