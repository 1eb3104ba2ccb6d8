import { describe, expect, it } from 'vitest';
import { createConsoleLogger } from './console-logger.js';
import type { LogLevel } from './logger.js';

const capture = (level?: LogLevel) => {
  const lines: { level: LogLevel; line: string }[] = [];
  const logger = createConsoleLogger({
    ...(level ? { level } : {}),
    write: (entryLevel, line) => lines.push({ level: entryLevel, line }),
    now: () => new Date('2025-01-02T03:04:05.000Z'),
  });
  return { logger, lines };
};

describe('console logger', () => {
  it('writes one line per entry with its level and fields', () => {
    const { logger, lines } = capture();
    logger.child({ component: 'http' }).info('listening', { port: 7080 });
    expect(lines).toEqual([{ level: 'info', line: '2025-01-02T03:04:05.000Z INFO listening {"component":"http","port":7080}' }]);
  });

  it('drops entries below its level', () => {
    const { logger, lines } = capture('warn');
    logger.debug('a');
    logger.info('b');
    logger.warn('c');
    logger.error('d');
    expect(lines.map((l) => l.level)).toEqual(['warn', 'error']);
  });

  it('never writes passwords, tokens or digest secrets, however deeply nested', () => {
    const { logger, lines } = capture();
    logger.warn('login', {
      loginId: '05030000001',
      password: 'plus-demo-a',
      request: { headers: { authorization: 'Bearer abcdef', Cookie: 'sid=1' } },
      sip: { sipPassword: 's3cret', nonce: 'n0nce', response: 'r3sp', ha1: 'h4' },
      tokenHash: 'ff',
      list: [{ secret: 'x' }],
    });
    const line = lines[0]?.line ?? '';
    for (const secret of ['plus-demo-a', 'abcdef', 'sid=1', 's3cret', 'n0nce', 'r3sp', 'h4', '"ff"', '"x"']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('05030000001');
    expect(line).toContain('[redacted]');
  });

  it('logs errors with their message and survives circular fields', () => {
    const { logger, lines } = capture();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    logger.error('failed', { error: new Error('boom'), circular });
    expect(lines[0]?.line).toContain('"message":"boom"');
  });
});
