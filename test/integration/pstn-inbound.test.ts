import { afterEach, describe, expect, it } from 'vitest';
import type { LineSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import { call as api, customerLogin } from '../../src-server/customer-page/api-test-support.js';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { speechHeard } from '../support/speech-energy.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 4 point 9: a simulated caller (the `npm run server -- call` path, here in-process) calls
 * the demo tenant's 代表: A–E ring with the caller's number and the called number's label, A
 * answers and hears the caller speak; the call log has it as an incoming outside call.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

const KEYS = ['A', 'B', 'C', 'D', 'E'] as const;

describe('an inbound call from the PSTN simulator', () => {
  it('rings the ring set with the caller number and label; the answerer hears speech; it is logged', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const pbx = server.server.pbx;
    const team = KEYS.map((key, i) => new TestSoftphone({ toneHz: 400 + i * 50 }));
    phones.push(...team);
    await Promise.all(KEYS.map((key, i) => team[i]!.login(httpUrl, demoId(key).directNumber, demoId(key).password)));

    expect(pbx.placeInboundCall('090-1234-5678', '0355550100')).toEqual({ status: 180, reason: 'Ringing' });
    const lines: LineSnapshot[] = await Promise.all(
      team.map((phone) => phone.waitForLine((line) => line.direction === 'incoming' && line.state === 'ringingIn', { description: 'ringing' })),
    );
    for (const line of lines) expect(line).toMatchObject({ remoteNumber: '09012345678', calledNumber: '0355550100', calledLabel: '代表' });
    expect(pbx.stats().channelsInUse).toBe(1);

    await team[0]!.call('call.answer', { lineId: lines[0]!.id });
    await team[0]!.waitForLine((line) => line.id === lines[0]!.id && line.state === 'connected');
    expect(await speechHeard(team[0]!.media)).toBeGreaterThan(0.02);
    await team[0]!.call('call.hangup', { lineId: lines[0]!.id });

    expect(pbx.placeInboundCall('090-1234-5678', '0399999999').status).toBe(404);

    const customer = await customerLogin(httpUrl, demoId('A').directNumber, demoId('A').password);
    const log = await waitFor(
      async () => {
        const page = (await api(httpUrl, 'GET', '/api/customer/call-log', customer)).body as {
          total: number;
          entries: { kind: string; result: string; callerNumber: string; companyNumber: string | null; chargeYen: number | null }[];
        };
        return page.total >= 1 && page.entries;
      },
      { description: 'the call in the call log' },
    );
    expect(log[0]).toMatchObject({ kind: 'incomingOutside', result: 'answered', callerNumber: '09012345678', companyNumber: '0355550100', chargeYen: 0 });

    await waitFor(() => {
      const stats = pbx.stats();
      return stats.calls === 0 && stats.legs === 0 && stats.peerConnections === 0 && stats.channelsInUse === 0;
    }, { description: 'PBX idle' });
  });
});
