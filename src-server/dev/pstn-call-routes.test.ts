import { describe, expect, it } from 'vitest';
import { pstnCallRoutes } from './pstn-call-routes.js';
import { parseCallCommand } from '../cli-call.js';
import type { ApiRequest } from '../http/route.js';

const request = (value: unknown): ApiRequest =>
  ({ readJson: () => Promise.resolve({ ok: true, value }) }) as unknown as ApiRequest;

describe('POST /api/dev/pstn-call', () => {
  const placed: Array<[string, string, string | undefined]> = [];
  const [route] = pstnCallRoutes({
    placeInboundCall: (from, to, options) => {
      placed.push([from, to, options?.ivrDigits]);
      if (to === '0666660200') return { status: 200, reason: 'Answered by the voice menu' };
      return to === '0355550100' ? { status: 180, reason: 'Ringing' } : to === '0366660100' ? { status: 486, reason: 'All Channels Busy' } : { status: 404, reason: 'Not Found' };
    },
  });

  it('places the call and says how it went', async () => {
    expect(await route!.handle(request({ from: '090-1234-5678', to: '0355550100' }))).toMatchObject({ status: 202, body: { sipStatus: 180 } });
    expect(await route!.handle(request({ from: '09012345678', to: '0366660100' }))).toMatchObject({ status: 409, body: { sipStatus: 486 } });
    expect(await route!.handle(request({ from: '09012345678', to: '0399999999' }))).toMatchObject({ status: 404 });
    expect(placed[0]).toEqual(['090-1234-5678', '0355550100', undefined]);
  });

  it('passes the keys for a voice menu on, and refuses keys that are not 1–8 of 0-9 * #', async () => {
    expect(await route!.handle(request({ from: '09012345678', to: '0666660200', ivr: '2' }))).toMatchObject({ status: 202, body: { sipStatus: 200 } });
    expect(placed.at(-1)).toEqual(['09012345678', '0666660200', '2']);
    const count = placed.length;
    for (const ivr of ['', 'A', '123456789', '1 2', 2]) {
      const answer = await route!.handle(request({ from: '09012345678', to: '0666660200', ivr }));
      expect(answer, String(ivr)).toMatchObject({ status: 400, body: { error: { code: 'invalid-argument' } } });
    }
    expect(placed.length).toBe(count);
  });

  it('refuses a body without both numbers', async () => {
    expect(await route!.handle(request({ from: '090' }))).toMatchObject({ status: 400 });
  });
});

describe('npm run server -- call', () => {
  it('needs --from and --to; --server defaults to the loopback server', () => {
    expect(parseCallCommand(['--from', '090-1234-5678', '--to', '0355550100'])).toEqual({
      ok: true,
      value: { from: '090-1234-5678', to: '0355550100', serverUrl: 'http://127.0.0.1:7080' },
    });
    expect(parseCallCommand(['--from', '090']).ok).toBe(false);
    expect(parseCallCommand(['--ivr', '2']).ok).toBe(false);
  });

  it('takes --ivr: the keys the simulated caller presses (1–8 of 0-9 * #), with a clear error otherwise', () => {
    expect(parseCallCommand(['--from', '090-1234-5678', '--to', '0666660200', '--ivr', '2'])).toMatchObject({ ok: true, value: { ivr: '2' } });
    expect(parseCallCommand(['--from', '09012345678', '--to', '0666660200', '--ivr', '*31#'])).toMatchObject({ ok: true, value: { ivr: '*31#' } });
    for (const keys of ['', 'x', '123456789', '1-2']) {
      const parsed = parseCallCommand(['--from', '09012345678', '--to', '0666660200', '--ivr', keys]);
      expect(parsed, keys).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      if (!parsed.ok) expect(parsed.error.message).toContain('--ivr takes the keys the caller presses');
    }
  });
});
