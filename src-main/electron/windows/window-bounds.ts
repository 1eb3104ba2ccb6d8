/**
 * Remembered window bounds, validated against the displays there are now: a window saved on a
 * monitor that has since been unplugged (or at a scaling that no longer fits) must come back
 * where the user can see and grab it.
 */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How much of the title bar must be on some display for saved bounds to count as visible. */
const MIN_VISIBLE_TITLE_PX = 80;
const TITLE_BAR_PX = 32;

function intersectionArea(a: Bounds, b: Bounds): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function parseSavedBounds(value: unknown): Bounds | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  const ok = [x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 100_000);
  if (!ok || (width as number) < 100 || (height as number) < 100) return null;
  return { x: Math.round(x as number), y: Math.round(y as number), width: Math.round(width as number), height: Math.round(height as number) };
}

/**
 * The bounds to open with: the saved ones if their title bar is on a display (shrunk to fit that
 * display's work area), else `fallback` centred on the primary work area.
 */
export function restoreBounds(saved: Bounds | null, workAreas: readonly Bounds[], fallback: { width: number; height: number }): Bounds {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: 1280, height: 720 };
  if (saved) {
    const titleBar: Bounds = { x: saved.x, y: saved.y, width: saved.width, height: TITLE_BAR_PX };
    const host = workAreas
      .map((area) => ({ area, visible: intersectionArea(titleBar, area) / TITLE_BAR_PX }))
      .sort((a, b) => b.visible - a.visible)[0];
    if (host && host.visible >= MIN_VISIBLE_TITLE_PX) {
      const width = Math.min(saved.width, host.area.width);
      const height = Math.min(saved.height, host.area.height);
      const x = Math.min(Math.max(saved.x, host.area.x), host.area.x + host.area.width - width);
      const y = Math.min(Math.max(saved.y, host.area.y), host.area.y + host.area.height - height);
      return { x, y, width, height };
    }
  }
  const width = Math.min(fallback.width, primary.width);
  const height = Math.min(fallback.height, primary.height);
  return {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
  };
}
