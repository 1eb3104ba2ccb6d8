/**
 * The dialog event package at the PBX (RFC 4235 / RFC 6665): raw SIP clients subscribe to a
 * colleague or a park slot and read the dialog-info NOTIFYs the PBX sends as calls ring and end.
 */
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDENTITIES, type DemoKey } from '../support/demo-directory.js';
import { startPbxHarness, type PbxHarness } from '../support/pbx-harness.js';
import { authorizationFor, DOMAIN, RawSipClient, type SipAccount } from '../support/raw-sip-client.js';
import { waitFor } from '../support/wait-for.js';
import { WrtcAudioEndpoint } from '../support/wrtc-audio-endpoint.js';
import { type SipRequest, type SipResponse } from '../../src-server/pbx/sip/message.js';

const account = (key: DemoKey): SipAccount => ({ user: DEMO_IDENTITIES[key].sipUser, password: DEMO_IDENTITIES[key].sipPassword });

let harness: PbxHarness;
const clients: RawSipClient[] = [];
const endpoints: WrtcAudioEndpoint[] = [];

async function connect(): Promise<RawSipClient> {
  const client = await RawSipClient.connect(harness.sipUrl);
  clients.push(client);
  return client;
}

interface DialogInfo {
  version: number;
  entity: string;
  dialogs: Array<{ id: string; state: string; direction: string; remote: string; display: string | undefined }>;
}

function parseDialogInfo(body: string): DialogInfo {
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'dialog' }).parse(body) as {
    'dialog-info': { version: string; entity: string; dialog?: Array<{ id: string; state: string; direction: string; remote: { identity: { display?: string; '#text': string } } }> };
  };
  const info = parsed['dialog-info'];
  return {
    version: Number(info.version),
    entity: info.entity,
    dialogs: (info.dialog ?? []).map((d) => ({ id: d.id, state: d.state, direction: d.direction, remote: d.remote.identity['#text'], display: d.remote.identity.display })),
  };
}

/** A subscription made by a raw client: SUBSCRIBE (answering the 407), then NOTIFYs answered 200. */
class Watch {
  readonly callId = `${Math.random().toString(16).slice(2)}@watch.invalid`;
  readonly fromTag = Math.random().toString(16).slice(2, 10);
  cseq = 1;
  toTag: string | undefined;

  constructor(
    readonly client: RawSipClient,
    readonly who: SipAccount,
    readonly target: string,
  ) {}

  async subscribe(expires: number, extraHeaders: string[] = []): Promise<SipResponse> {
    const send = (authorization?: string): void => {
      const headers = ['Event: dialog', 'Accept: application/dialog-info+xml', `Expires: ${expires}`, ...extraHeaders];
      if (authorization) headers.push(`Proxy-Authorization: ${authorization}`);
      this.client.send(
        this.client.buildRequest({
          method: 'SUBSCRIBE',
          requestUri: `sip:${this.target}@${DOMAIN}`,
          from: `<sip:${this.who.user}@${DOMAIN}>;tag=${this.fromTag}`,
          to: `<sip:${this.target}@${DOMAIN}>${this.toTag ? `;tag=${this.toTag}` : ''}`,
          callId: this.callId,
          cseq: this.cseq,
          headers,
          withContact: true,
        }).text,
      );
    };
    send();
    let response = await this.client.nextResponse(this.callId, 'SUBSCRIBE', 200);
    if (response.status === 407) {
      this.cseq += 1;
      send(authorizationFor(response, 'proxy-authenticate', this.who, 'SUBSCRIBE', `sip:${this.target}@${DOMAIN}`, 'MD5'));
      response = await this.client.nextResponse(this.callId, 'SUBSCRIBE', 200);
    }
    this.cseq += 1;
    if (response.status === 200) this.toTag = response.toTag;
    return response;
  }

  /** The next NOTIFY of this subscription (answered 200), parsed. */
  async notify(timeoutMs = 10_000): Promise<{ request: SipRequest; info: DialogInfo }> {
    const request = (await this.client.next(
      (m) => m.kind === 'request' && m.method === 'NOTIFY' && m.callId === this.callId,
      `NOTIFY for ${this.target}`,
      timeoutMs,
    )) as SipRequest;
    this.client.reply(request, 200);
    return { request, info: parseDialogInfo(request.body) };
  }

  /** NOTIFYs until one matches. */
  async notifyUntil(predicate: (info: DialogInfo) => boolean, description: string): Promise<DialogInfo> {
    for (;;) {
      const { info } = await this.notify();
      if (predicate(info)) return info;
      void description; // each wait ends by its NOTIFY timeout, which names the target
    }
  }
}

beforeEach(async () => {
  harness = await startPbxHarness();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await harness.close();
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
  expect(harness.pbx.stats()).toMatchObject({ calls: 0, subscriptions: 0, peerConnections: 0 });
});

describe('subscribing to a colleague', () => {
  it('gets the idle state at once, early with the caller while it rings, and idle again after CANCEL', async () => {
    const watcher = await connect();
    const watch = new Watch(watcher, account('A'), '202');
    const ok = await watch.subscribe(600);
    expect(ok.status).toBe(200);
    expect(ok.header('expires')).toBe('600');
    const first = await watch.notify();
    expect(first.request.header('event')).toBe('dialog');
    expect(first.request.header('subscription-state')).toMatch(/^active;expires=\d+$/);
    expect(first.request.contentType).toBe('application/dialog-info+xml');
    expect(first.info).toMatchObject({ entity: `sip:202@${DOMAIN}`, dialogs: [] });
    const firstVersion = first.info.version;

    const b = await connect();
    expect((await b.register(account('B'))).final.status).toBe(200);
    const c = await connect();
    const media = new WrtcAudioEndpoint(440);
    endpoints.push(media);
    const call = await c.invite(account('C'), '202', await media.offer());
    await b.nextRequest('INVITE');

    const ringing = await watch.notifyUntil((info) => info.dialogs.length > 0, 'ringing');
    expect(ringing.version).toBeGreaterThan(firstVersion);
    expect(ringing.dialogs).toEqual([
      expect.objectContaining({ state: 'early', direction: 'recipient', remote: expect.stringContaining(DEMO_IDENTITIES.C.extension) }),
    ]);

    call.cancel();
    const idle = await watch.notifyUntil((info) => info.dialogs.length === 0, 'idle again');
    expect(idle.version).toBeGreaterThan(ringing.version);
  });

  it('refuses unknown resources, other tenants’ extensions, unknown events and too-brief expiry', async () => {
    const client = await connect();
    expect((await new Watch(client, account('A'), '299').subscribe(600)).status).toBe(404);
    expect((await new Watch(client, account('A'), '*79').subscribe(600)).status).toBe(404);
    expect((await new Watch(client, account('A'), '05039990001').subscribe(600)).status).toBe(404);
    expect((await new Watch(client, account('A'), '202').subscribe(30)).status).toBe(423);
    client.send(
      client.buildRequest({
        method: 'SUBSCRIBE',
        requestUri: `sip:202@${DOMAIN}`,
        from: `<sip:${account('A').user}@${DOMAIN}>;tag=x1`,
        to: `<sip:202@${DOMAIN}>`,
        callId: 'presence@x.invalid',
        cseq: 1,
        headers: ['Event: presence', 'Expires: 600'],
        withContact: true,
      }).text,
    );
    const bad = await client.nextResponse('presence@x.invalid', 'SUBSCRIBE', 200);
    expect(bad.status).toBe(489);
    expect(bad.header('allow-events')).toBe('dialog');
  });

  it('watches a park slot; unsubscribe and a fetch each end with one terminated NOTIFY; a dropped socket ends its subscriptions', async () => {
    const client = await connect();
    const slot = new Watch(client, account('D'), '*71');
    expect((await slot.subscribe(600)).status).toBe(200);
    const idle = await slot.notify();
    expect(idle.info).toMatchObject({ entity: `sip:*71@${DOMAIN}`, dialogs: [] });

    expect((await slot.subscribe(0)).status).toBe(200);
    const last = await slot.notify();
    expect(last.request.header('subscription-state')).toMatch(/^terminated/);

    const fetch = new Watch(client, account('D'), '203');
    expect((await fetch.subscribe(0)).status).toBe(200);
    expect((await fetch.notify()).request.header('subscription-state')).toMatch(/^terminated/);
    await waitFor(() => harness.pbx.stats().subscriptions === 0, { description: 'no subscriptions left' });

    const dropped = await connect();
    const watch = new Watch(dropped, account('E'), '201');
    expect((await watch.subscribe(600)).status).toBe(200);
    await watch.notify();
    expect(harness.pbx.stats().subscriptions).toBe(1);
    await dropped.kill();
    await waitFor(() => harness.pbx.stats().subscriptions === 0, { description: 'subscription of the dropped socket released' });
  });
});
