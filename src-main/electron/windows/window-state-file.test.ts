import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { windowStateFile } from './window-state-file.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const laptop = { x: 0, y: 0, width: 1920, height: 1040 };

describe('windowStateFile', () => {
  it('remembers bounds across starts and re-validates them against the displays of the day', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plusphone-ws-'));
    dirs.push(dir);
    const path = join(dir, 'window-state.json');
    let displays = [laptop, { x: 1920, y: 0, width: 1920, height: 1040 }];
    const memory = windowStateFile(path, () => displays, { width: 420, height: 640 });
    expect(memory.restore()).toBeNull();
    memory.save({ x: 2100, y: 50, width: 420, height: 640 });
    expect(memory.restore()).toEqual({ x: 2100, y: 50, width: 420, height: 640 });
    displays = [laptop]; // the second monitor was unplugged
    expect(memory.restore()).toEqual({ x: 750, y: 200, width: 420, height: 640 });
    writeFileSync(path, '{not json');
    expect(memory.restore()).toBeNull();
  });
});
