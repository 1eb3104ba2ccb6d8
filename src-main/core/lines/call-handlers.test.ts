import { afterEach, describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../../src-shared/contract/dispatch.js';
import { ipcRequests, type IpcMethod } from '../../../src-shared/contract/ipc-contract.js';
import type { MediaHostLink } from '../media/media-host-link.js';
import { PhoneService } from '../phone-service.js';

const noMedia: MediaHostLink = { request: () => Promise.reject(new Error('no media in this test')) };
const services: PhoneService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
});

function started(): PhoneService {
  const service = new PhoneService({ mediaHost: noMedia, fetch: () => Promise.reject(new Error('offline')) });
  services.push(service);
  service.start();
  return service;
}

describe('call-control requests through the contract', () => {
  it('refuse while logged out with invalid-state in Japanese, never a throw', async () => {
    const service = started();
    const requests: Array<[IpcMethod, unknown]> = [
      ['call.hold', { lineId: 'line-1' }],
      ['call.resume', { lineId: 'line-1' }],
      ['call.mute', { lineId: 'line-1', muted: true }],
      ['call.dtmf', { lineId: 'line-1', digits: '1' }],
      ['call.transferBlind', { lineId: 'line-1', target: '203' }],
      ['call.transferAttended', { lineId: 'line-1', otherLineId: 'line-2' }],
      ['call.park', { lineId: 'line-1' }],
      ['call.retrieve', { slot: '*71' }],
      ['call.pickup', {}],
      ['phone.setDnd', { on: true }],
    ];
    for (const [method, args] of requests) {
      const result = await dispatchRequest(ipcRequests, service.handlers, method, args);
      expect(result, method).toEqual({ ok: false, error: { code: 'invalid-state', message: 'ログインしていません' } });
    }
  });

  it('validates arguments before anything runs', async () => {
    const service = started();
    const invalid: Array<[IpcMethod, unknown]> = [
      ['call.dtmf', { lineId: 'line-1', digits: '1;2' }],
      ['call.dtmf', { lineId: 'line-1', digits: '' }],
      ['call.transferBlind', { lineId: 'line-1', target: 'javascript:alert(1)' }],
      ['call.park', { lineId: 'line-1', slot: '<71>' }],
      ['call.pickup', { extension: '2' }],
      ['call.mute', { lineId: 'line-1' }],
      ['call.reject', { lineId: 'line-1', reason: 'maybe' }],
      ['phone.setDnd', { on: 'yes' }],
    ];
    for (const [method, args] of invalid) {
      const result = await dispatchRequest(ipcRequests, service.handlers, method, args);
      expect(result, `${method} ${JSON.stringify(args)}`).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
  });
});
