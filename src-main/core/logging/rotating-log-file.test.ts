import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, RotatingLogFile } from './rotating-log-file.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempLog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plusphone-log-'));
  dirs.push(dir);
  return join(dir, 'logs', 'plusphone.log');
}

describe('RotatingLogFile', () => {
  it('rotates by size and keeps only the newest files', () => {
    const path = tempLog();
    const file = new RotatingLogFile({ path, maxBytes: 100, keep: 2 });
    for (let i = 0; i < 12; i++) file.write(`line ${i} ${'x'.repeat(30)}`);
    const files = file.files();
    expect(files.map((f) => f.split(/[\\/]/).pop())).toEqual(['plusphone.log', 'plusphone.1.log', 'plusphone.2.log']);
    expect(readFileSync(path, 'utf8')).toContain('line 11');
    const all = files.map((f) => readFileSync(f, 'utf8')).join('');
    expect(all).not.toContain('line 0 '); // the oldest fell off
    for (const f of files) expect(readFileSync(f).length).toBeLessThanOrEqual(100);
  });

  it('a file logger writes one line per entry, newlines in messages flattened, fields as JSON', () => {
    const path = tempLog();
    const logger = createFileLogger(new RotatingLogFile({ path })).child({ component: 'shell' });
    logger.error('uncaught\nerror', { error: 'boom' });
    const text = readFileSync(path, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toMatch(/error uncaught error {"component":"shell","error":"boom"}/);
  });
});
