import { describe, expect, it } from 'vitest';
import { pstnCallRoutes } from './pstn-call-routes.js';
import { parseCallCommand } from '../cli-call.js';
import type { ApiRequest } from '../http/route.js';

const request = (value: unknown): ApiRequest =>
  ({ readJson: () => Promise.resolve({ ok: true, value }) }) as unknown as ApiRequest;

describe('POST /api/dev/pstn-call', () => {
  const placed: Array<[string, string]> = [];
  const [route] = pstnCallRoutes({
    placeInboundCall: (from, to) => {
      placed.push([from, to]);
      return to === '0355550100' ? { status: 180, reason: 'Ringing' } : to === '0366660100' ? { status: 486, reason: 'All Channels Busy' } : { status: 404, reason: 'Not Found' };
    },
  });

  it('places the call and says how it went', async () => {
    expect(await route!.handle(request({ from: '090-1234-5678', to: '0355550100' }))).toMatchObject({ status: 202, body: { sipStatus: 180 } });
    expect(await route!.handle(request({ from: '09012345678', to: '0366660100' }))).toMatchObject({ status: 409, body: { sipStatus: 486 } });
    expect(await route!.handle(request({ from: '09012345678', to: '0399999999' }))).toMatchObject({ status: 404 });
    expect(placed[0]).toEqual(['090-1234-5678', '0355550100']);
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
});
