import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options.js';

describe('npm run server options', () => {
  it('defaults to 127.0.0.1:7080 and .data/plusphone.sqlite', () => {
    expect(parseCliOptions([])).toEqual({
      ok: true,
      value: { port: 7080, host: '127.0.0.1', dbPath: '.data/plusphone.sqlite', help: false },
    });
  });

  it('reads --port, --host and --db', () => {
    expect(parseCliOptions(['--port', '0', '--host', '::1', '--db=/tmp/x.sqlite'])).toEqual({
      ok: true,
      value: { port: 0, host: '::1', dbPath: '/tmp/x.sqlite', help: false },
    });
  });

  it('reads --tls-cert and --tls-key, which go together', () => {
    expect(parseCliOptions(['--host', '0.0.0.0', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'])).toEqual({
      ok: true,
      value: { port: 7080, host: '0.0.0.0', dbPath: '.data/plusphone.sqlite', help: false, tlsCert: 'c.pem', tlsKey: 'k.pem' },
    });
    expect(parseCliOptions(['--tls-cert', 'c.pem']).ok).toBe(false);
  });

  it('reads --codec (opus or pcmu, any case) and refuses any other codec', () => {
    expect(parseCliOptions(['--codec', 'PCMU'])).toEqual({
      ok: true,
      value: { port: 7080, host: '127.0.0.1', dbPath: '.data/plusphone.sqlite', help: false, audioCodec: 'pcmu' },
    });
    expect(parseCliOptions(['--codec=opus'])).toMatchObject({ ok: true, value: { audioCodec: 'opus' } });
    const refused = parseCliOptions(['--codec', 'g729']);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toBe('--codec must be one of opus, pcmu (got "g729")');
  });

  it('refuses bad ports and unknown options', () => {
    for (const argv of [['--port', '70800'], ['--port', 'abc'], ['--port', '-1'], ['--port', '1.5'], ['--nope']]) {
      const result = parseCliOptions(argv);
      expect(result.ok).toBe(false);
    }
  });
});
