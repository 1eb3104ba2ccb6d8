import { afterEach, describe, expect, it } from 'vitest';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 5 point 7 end to end: an admin saves a CRM template on the customer page, the softphone's
 * config carries it (pushed by polling, no re-login), and links.build fills it for a ringing line
 * with the caller's and the called number; a template of the user's own in settings wins.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

async function saveTemplates(httpUrl: string, templates: { crmUrl: string | null; numberSearchUrl: string | null }): Promise<void> {
  const A = demoId('A');
  const login = await fetch(`${httpUrl}/api/customer/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mainNumber: A.directNumber, password: A.password }),
  });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const saved = await fetch(`${httpUrl}/api/customer/templates`, {
    method: 'PUT',
    headers: { Cookie: cookie, 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
    body: JSON.stringify(templates),
  });
  expect(saved.status).toBe(200);
  await saved.arrayBuffer();
}

describe('CRM link and number search', () => {
  it('templates from the customer page reach the softphone and fill in for a ringing call', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const A = demoId('A');
    const B = demoId('B');
    const a = new TestSoftphone({ toneHz: 440 });
    const b = new TestSoftphone({ toneHz: 1_000, serviceOptions: { configPollIntervalMs: 100 } });
    phones.push(a, b);
    await Promise.all([a.login(httpUrl, A.directNumber, A.password), b.login(httpUrl, B.directNumber, B.password)]);
    expect(await b.invoke('links.build', { kind: 'crm', number: '0312345678' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'CRM連携のURLが設定されていません' },
    });

    await saveTemplates(httpUrl, {
      crmUrl: 'https://crm.example.jp/calls?tel={number}&e164={number_e164}&to={called}',
      numberSearchUrl: 'https://search.example.jp/?q={number}',
    });
    await waitFor(async () => (await b.invoke('links.build', { kind: 'search', number: '0312345678' })).ok, {
      description: 'templates pushed to B by config polling',
    });

    await a.call('call.dial', { target: B.extension });
    const ringing = await b.waitForLine((line) => line.direction === 'incoming' && line.state === 'ringingIn');
    expect(await b.call('links.build', { kind: 'crm', lineId: ringing.id })).toBe(
      `https://crm.example.jp/calls?tel=${A.extension}&e164=&to=${B.extension}`,
    );
    // the browser host has no opener: the URL comes back for window.open
    expect(await b.call('links.open', { kind: 'search', lineId: ringing.id })).toEqual({
      url: `https://search.example.jp/?q=${A.extension}`,
      opened: false,
    });

    await b.call('settings.update', { links: { crm: 'https://mine.example.jp/{number}' } });
    expect(await b.call('links.build', { kind: 'crm', lineId: ringing.id })).toBe(`https://mine.example.jp/${A.extension}`);
    expect(await b.invoke('settings.update', { links: { crm: 'javascript:alert(1)' } })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    await b.call('call.reject', { lineId: ringing.id });
  });
});
