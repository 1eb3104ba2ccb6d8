/**
 * Issue 4 point 8 (IVR): the demo's 経理部 (06-6666-0200, tenant 2) answers with a voice menu.
 * A caller with real SIP over WebSocket and a wrtc peer connection hears the prompt, presses 2 by
 * SIP INFO (application/dtmf-relay), and the devices of option 2's ring set (中村, 小林) get INVITEs
 * with `X-IVR-Digits: 2` and P-Called-Party-ID, not option 1's (山本); the answered call has
 * two-way audio. The simulated PSTN caller (`npm run server -- call --ivr 1`, here through the dev
 * API) reaches option 1's ring set the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src-server/app.js';
import { call as api, customerLogin } from '../../src-server/customer-page/api-test-support.js';
import { createSilentLogger } from '../../src-server/log/logger.js';
import { DEMO_IVR_NUMBER } from '../../src-server/store/demo-ivr-menu.js';
import { demoId, demoTenant2Id } from '../../src-server/store/demo-tenant.js';
import { type SipRequest } from '../../src-server/pbx/sip/message.js';
import { DOMAIN, RawSipClient, type SipAccount } from '../support/raw-sip-client.js';
import { estimateTone, rms, toFloat } from '../support/tone-analysis.js';
import { waitFor } from '../support/wait-for.js';
import { WrtcAudioEndpoint } from '../support/wrtc-audio-endpoint.js';

const CALLED_PARTY = `"経理部" <sip:${DEMO_IVR_NUMBER}@${DOMAIN}>`;
const SLOW = { timeoutMs: 20_000 };

let server: RunningServer | undefined;
let dir: string | undefined;
const clients: RawSipClient[] = [];
const endpoints: WrtcAudioEndpoint[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await server?.close();
  server = undefined;
  await Promise.all(endpoints.splice(0).map((endpoint) => endpoint.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function start(): Promise<RunningServer> {
  dir = mkdtempSync(join(tmpdir(), 'plusphone-ivr-'));
  server = await startServer({ port: 0, dbPath: join(dir, 'plusphone.sqlite'), logger: createSilentLogger(), devPstnCallApi: true });
  return server;
}

/** The SIP account of an ID, as its softphone is provisioned with it. */
async function sipAccount(loginId: string, password: string): Promise<SipAccount> {
  const answer = await api(server!.httpUrl, 'POST', '/api/softphone/login', { body: { loginId, password } });
  const sip = (answer.body as { config?: { sip?: { authorizationUsername: string; password: string } } }).config?.sip;
  if (answer.status !== 200 || !sip) throw new Error(`login of ${loginId} failed: ${answer.status}`);
  return { user: sip.authorizationUsername, password: sip.password };
}

async function registered(loginId: string, password: string): Promise<RawSipClient> {
  const client = await RawSipClient.connect(server!.sipWsUrl);
  clients.push(client);
  expect((await client.register(await sipAccount(loginId, password))).final.status).toBe(200);
  return client;
}

function endpoint(toneHz: number): WrtcAudioEndpoint {
  const created = new WrtcAudioEndpoint(toneHz);
  endpoints.push(created);
  return created;
}

/** Resolves with the level once 200 ms of what the endpoint hears is clearly louder than silence. */
function soundHeard(listener: WrtcAudioEndpoint, minRms = 0.02): Promise<number> {
  return waitFor(
    () => {
      const samples = listener.recentSamples(20);
      const level = samples ? rms(toFloat(samples)) : 0;
      return level > minRms ? level : false;
    },
    { ...SLOW, description: 'sound heard' },
  );
}

async function toneHeard(listener: WrtcAudioEndpoint, hz: number): Promise<void> {
  await waitFor(
    () => {
      const samples = listener.recentSamples(20);
      if (!samples) return false;
      const tone = estimateTone(toFloat(samples), 48_000);
      return Math.abs(tone.frequencyHz - hz) <= 20 && tone.rms > 0.02;
    },
    { ...SLOW, description: `${hz} Hz heard` },
  );
}

const pbxIdle = (): boolean => {
  const stats = server!.pbx.stats();
  return stats.calls === 0 && stats.legs === 0 && stats.peerConnections === 0 && stats.channelsInUse === 0;
};

/** Answer a ringing INVITE with a wrtc endpoint; resolves when the PBX has ACKed. */
async function answer(device: RawSipClient, invite: SipRequest, media: WrtcAudioEndpoint, toTag: string): Promise<void> {
  device.reply(invite, 200, { toTag, sdp: await media.answer(invite.body) });
  await device.nextRequest('ACK', invite.callId, 10_000);
}

/** A ringing device that loses: 200 to the CANCEL, 487 to the INVITE. */
async function cancelled(device: RawSipClient, invite: SipRequest, toTag: string): Promise<void> {
  const cancel = await device.nextRequest('CANCEL', invite.callId, 10_000);
  device.reply(cancel, 200);
  device.reply(invite, 487, { toTag });
}

describe('IVR: a company number with a voice menu', () => {
  it('a SIP caller hears the prompt, presses 2 by INFO, and option 2’s ring set rings with X-IVR-Digits; two-way audio', async () => {
    await start();
    const yamamoto = await registered(demoTenant2Id('A').directNumber, demoTenant2Id('A').password);
    const nakamura = await registered(demoTenant2Id('B').directNumber, demoTenant2Id('B').password);
    const kobayashi = await registered(demoTenant2Id('C').directNumber, demoTenant2Id('C').password);

    // 伊藤 of tenant 1 calls tenant 2's 経理部: an outside call between the demo tenants.
    const caller = await RawSipClient.connect(server!.sipWsUrl);
    clients.push(caller);
    const callerMedia = endpoint(440);
    const call = await caller.invite(await sipAccount(demoId('E').directNumber, demoId('E').password), DEMO_IVR_NUMBER, await callerMedia.offer());

    // The PBX answers at once: the menu is the PBX's, nobody has rung yet.
    const ok = await call.response(200, 299, 10_000);
    await callerMedia.accept(ok.body);
    call.ack2xx();
    callerMedia.startTone();
    expect(await soundHeard(callerMedia)).toBeGreaterThan(0.02); // the prompt (Japanese speech)
    expect([yamamoto, nakamura, kobayashi].flatMap((device) => device.pending()).filter((m) => m.kind === 'request' && m.method === 'INVITE')).toEqual([]);

    const info = async (contentType: string, body: string): Promise<number> => {
      call.cseq += 1;
      caller.send(
        caller.buildRequest({
          method: 'INFO',
          requestUri: `sip:pbx@${DOMAIN};transport=ws`,
          from: call.from,
          to: call.to,
          callId: call.callId,
          cseq: call.cseq,
          contentType,
          body,
        }).text,
      );
      return (await caller.nextResponse(call.callId, 'INFO', 200)).status;
    };
    // INFO that is not a key is answered and changes nothing (the menu keeps waiting)
    expect(await info('application/dtmf-relay', 'Signal=\u0000;DROP TABLE\r\n')).toBe(200);
    expect(await info('text/plain', '1')).toBe(200);
    // 2, by SIP INFO in the caller's dialog
    expect(await info('application/dtmf-relay', 'Signal=2\r\nDuration=160\r\n')).toBe(200);

    const toNakamura = await nakamura.nextRequest('INVITE', undefined, 10_000);
    const toKobayashi = await kobayashi.nextRequest('INVITE', undefined, 10_000);
    for (const invite of [toNakamura, toKobayashi]) {
      expect(invite.header('x-ivr-digits')).toBe('2');
      expect(invite.header('p-called-party-id')).toBe(CALLED_PARTY);
    }
    nakamura.reply(toNakamura, 180, { toTag: 'nakamura' });
    kobayashi.reply(toKobayashi, 180, { toTag: 'kobayashi' });
    await toneHeard(callerMedia, 400); // ringback while the ring set rings

    const nakamuraMedia = endpoint(1000);
    await answer(nakamura, toNakamura, nakamuraMedia, 'nakamura');
    await cancelled(kobayashi, toKobayashi, 'kobayashi');
    nakamuraMedia.startTone();
    await toneHeard(callerMedia, 1000);
    await toneHeard(nakamuraMedia, 440);
    // option 1's ring set (山本) never rang
    expect(yamamoto.log.some((m) => m.kind === 'request' && m.method === 'INVITE')).toBe(false);

    expect((await call.bye()).status).toBe(200);
    const bye = await nakamura.nextRequest('BYE', toNakamura.callId, 10_000);
    nakamura.reply(bye, 200);
    await waitFor(pbxIdle, { ...SLOW, description: 'PBX idle' });
  }, 60_000);

  it('the simulated caller with --ivr 1 (dev API) reaches option 1’s ring set with the digits and is heard', async () => {
    await start();
    const yamamoto = await registered(demoTenant2Id('A').directNumber, demoTenant2Id('A').password);
    const nakamura = await registered(demoTenant2Id('B').directNumber, demoTenant2Id('B').password);

    const refused = await api(server!.httpUrl, 'POST', '/api/dev/pstn-call', { body: { from: '090-1234-5678', to: '06-6666-0200', ivr: '1x' } });
    expect(refused).toMatchObject({ status: 400, code: 'invalid-argument' });
    const placed = await api(server!.httpUrl, 'POST', '/api/dev/pstn-call', { body: { from: '090-1234-5678', to: '06-6666-0200', ivr: '1' } });
    expect(placed).toMatchObject({ status: 202, body: { sipStatus: 200 } });

    const invite = await yamamoto.nextRequest('INVITE', undefined, 15_000);
    expect(invite.header('x-ivr-digits')).toBe('1');
    expect(invite.header('p-called-party-id')).toBe(CALLED_PARTY);
    expect(invite.from.uri.user).toBe('09012345678');
    yamamoto.reply(invite, 180, { toTag: 'yamamoto' });
    const media = endpoint(1000);
    await answer(yamamoto, invite, media, 'yamamoto');
    expect(await soundHeard(media)).toBeGreaterThan(0.02); // the simulated caller speaks
    expect(nakamura.log.some((m) => m.kind === 'request' && m.method === 'INVITE')).toBe(false);

    yamamoto.send(
      yamamoto.buildRequest({
        method: 'BYE',
        requestUri: `sip:pbx@${DOMAIN};transport=ws`,
        from: `<sip:${demoTenant2Id('A').directNumber}@${DOMAIN}>;tag=yamamoto`,
        to: invite.header('from') ?? '',
        callId: invite.callId,
        cseq: 1,
      }).text,
    );
    expect((await yamamoto.nextResponse(invite.callId, 'BYE', 200)).status).toBe(200);
    await waitFor(pbxIdle, { ...SLOW, description: 'PBX idle' });

    // tenant 2's call log: an incoming outside call to 経理部, answered by 山本
    const customer = await customerLogin(server!.httpUrl, demoTenant2Id('A').directNumber, demoTenant2Id('A').password);
    const entries = await waitFor(
      async () => {
        const page = (await api(server!.httpUrl, 'GET', '/api/customer/call-log', customer)).body as { total: number; entries: Record<string, unknown>[] };
        return page.total >= 1 && page.entries;
      },
      { description: 'the call in the call log' },
    );
    expect(entries[0]).toMatchObject({ kind: 'incomingOutside', result: 'answered', callerNumber: '09012345678', companyNumber: DEMO_IVR_NUMBER });
  }, 60_000);

  it('a menu set on the customer page works at once; no key → the number’s own ring set, without X-IVR-Digits', async () => {
    await start();
    const tanaka = await registered(demoId('D').directNumber, demoId('D').password);
    const customer = await customerLogin(server!.httpUrl, demoId('A').directNumber, demoId('A').password);
    const overview = (await api(server!.httpUrl, 'GET', '/api/customer/overview', customer)).body as {
      numbers: { numberId: number; number: string }[];
      ids: { idId: number }[];
    };
    const support = overview.numbers.find((n) => n.number === '0355550300')!.numberId;
    const path = `/api/customer/numbers/${support}/ivr-menu`;
    const menu = { prompt: 'keiri-menu-ja', options: [{ digits: '1', ringSet: [overview.ids[0]!.idId] }], timeoutSeconds: 1, repeats: 0, onNoChoice: 'ringSet' };
    expect((await api(server!.httpUrl, 'PUT', path, { ...customer, body: menu })).status).toBe(200);

    // the caller presses nothing: after the prompt and 1 s, サポート's own ring set (田中, 伊藤) rings
    expect((await api(server!.httpUrl, 'POST', '/api/dev/pstn-call', { body: { from: '0312345678', to: '0355550300' } })).body).toMatchObject({ sipStatus: 200 });
    const invite = await tanaka.nextRequest('INVITE', undefined, 20_000);
    expect(invite.header('x-ivr-digits')).toBeUndefined();
    expect(invite.header('p-called-party-id')).toBe(`"サポート" <sip:0355550300@${DOMAIN}>`);
    tanaka.reply(invite, 486, { toTag: 'tanaka' });
    await waitFor(pbxIdle, { ...SLOW, description: 'PBX idle' });

    // without the menu the number rings at once again
    expect((await api(server!.httpUrl, 'DELETE', path, customer)).status).toBe(200);
    expect((await api(server!.httpUrl, 'POST', '/api/dev/pstn-call', { body: { from: '0312345678', to: '0355550300' } })).body).toMatchObject({ sipStatus: 180 });
    const direct = await tanaka.nextRequest('INVITE', undefined, 10_000);
    expect(direct.header('x-ivr-digits')).toBeUndefined();
    tanaka.reply(direct, 486, { toTag: 'tanaka-2' });
    await waitFor(pbxIdle, { ...SLOW, description: 'PBX idle' });
  }, 60_000);
});
