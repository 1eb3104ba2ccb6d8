/**
 * The main window's bounds in a small JSON file in userData, validated against the displays that
 * exist when it is read (window-bounds.ts). A missing or damaged file means the default place.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseSavedBounds, restoreBounds, type Bounds } from './window-bounds.js';
import type { MainWindowBoundsMemory } from './main-window-slot.js';

export function windowStateFile(path: string, workAreas: () => Bounds[], fallback: { width: number; height: number }): MainWindowBoundsMemory {
  return {
    restore: () => {
      let saved: Bounds | null;
      try {
        saved = parseSavedBounds((JSON.parse(readFileSync(path, 'utf8')) as { main?: unknown }).main);
      } catch {
        saved = null; // first start, or a damaged file
      }
      return saved ? restoreBounds(saved, workAreas(), fallback) : null;
    },
    save: (bounds) => {
      try {
        mkdirSync(dirname(path), { recursive: true });
        const temp = `${path}.tmp`;
        writeFileSync(temp, JSON.stringify({ main: bounds }));
        renameSync(temp, path);
      } catch {
        // not being able to remember a window position is not worth an error dialog
      }
    },
  };
}
