import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PhonebookSearchResult, WebPhonebookStatus } from '../../src-shared/contract/requests/phonebook.js';
import { call as api, customerLogin } from '../../src-server/customer-page/api-test-support.js';
import { DEMO_PHONEBOOKS } from '../../src-server/phonebook/demo-phonebook.js';
import { DEMO_TENANT, demoId } from '../../src-server/store/demo-tenant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';

/**
 * Issue 5 point 5 against the real server: the Web電話帳 is synced into the core's cache by
 * changes since a version (an edit and a delete on the customer page show up at the next sync,
 * asked for incrementally), searched together with the local phonebook, used for the caller's
 * name on an incoming line, and still searchable after the server is gone.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function softphone(toneHz: number, options: { databasePath?: string; fetch?: typeof fetch } = {}): TestSoftphone {
  const phone = new TestSoftphone({ toneHz, serviceOptions: options });
  phones.push(phone);
  return phone;
}

const search = async (phone: TestSoftphone, query: string): Promise<string[]> =>
  ((await phone.call('phonebook.search', { query })) as PhonebookSearchResult).entries.map((entry) => `${entry.book}:${entry.name}`);

describe('phonebooks in the softphone core', () => {
  it('syncs the Web電話帳 incrementally, searches both books, names the caller, and works offline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plusphone-phonebook-it-'));
    dirs.push(dir);
    server = await startTestServer();
    const { httpUrl } = server.server;
    const A = demoId('A');
    const B = demoId('B');

    // every `since` the core asks the changes endpoint for
    const asked: number[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      if (url.pathname === '/api/softphone/phonebook/changes') asked.push(Number(url.searchParams.get('since')));
      return fetch(input, init);
    };
    const a = softphone(440, { databasePath: join(dir, 'a.sqlite3'), fetch: recordingFetch });
    const b = softphone(1000, { databasePath: join(dir, 'b.sqlite3') });
    await Promise.all([a.login(httpUrl, A.directNumber, A.password), b.login(httpUrl, B.directNumber, B.password)]);

    // 1. after login the whole Web電話帳 of the tenant is in the cache
    const demoEntries = DEMO_PHONEBOOKS[DEMO_TENANT.name]!.length;
    const first = (await a.call('phonebook.sync', {})) as WebPhonebookStatus;
    expect(first).toMatchObject({ entries: demoEntries, lastError: null });
    expect(first.version).toBeGreaterThan(0);
    expect(await search(a, 'ﾔﾏﾀﾞ')).toEqual(['web:山田 太郎']);
    expect(await search(a, '090-1234')).toEqual(['web:山田 太郎']);

    // 2. the customer page adds, edits and deletes entries of the Web電話帳
    const admin = await customerLogin(httpUrl, A.directNumber, A.password);
    const listed = await api(httpUrl, 'GET', `/api/customer/phonebook?q=${encodeURIComponent('やまだ')}`, admin);
    const yamada = (listed.body as { entries: { id: number; name: string }[] }).entries.find((entry) => entry.name === '山田 太郎')!;
    const sasaki = (
      (await api(httpUrl, 'GET', `/api/customer/phonebook?q=${encodeURIComponent('佐々木')}`, admin)).body as { entries: { id: number }[] }
    ).entries[0]!;
    expect((await api(httpUrl, 'PATCH', `/api/customer/phonebook/${yamada.id}`, { ...admin, body: { company: '山田ホールディングス' } })).status).toBe(200);
    expect((await api(httpUrl, 'DELETE', `/api/customer/phonebook/${sasaki.id}`, admin)).status).toBe(200);
    const added = await api(httpUrl, 'POST', '/api/customer/phonebook', {
      ...admin,
      body: { name: '新井 涼子', reading: 'アライ リョウコ', company: '新井工業', numbers: [{ label: '会社', number: '06-6543-2100' }] },
    });
    expect(added.status).toBe(201);

    const before = asked.length;
    const second = (await a.call('phonebook.sync', {})) as WebPhonebookStatus;
    expect(second).toMatchObject({ entries: demoEntries, lastError: null });
    expect(second.version).toBe(first.version + 3);
    // incremental: asked from the version it had, not from 0
    expect(asked.slice(before)).toEqual([first.version]);
    expect(await search(a, 'ホールディングス')).toEqual(['web:山田 太郎']);
    expect(await search(a, 'ささき')).toEqual([]);
    expect(await search(a, 'あらい')).toEqual(['web:新井 涼子']);

    // 3. a local entry, searched with the web ones; caller lookup by number
    const local = await a.invoke('phonebook.create', {
      name: '鈴木 (内線)',
      reading: 'スズキ',
      company: '株式会社デモ商事',
      numbers: [{ label: '内線', number: B.extension }],
    });
    expect(local.ok).toBe(true);
    await a.call('phonebook.create', { name: '山田 花子', reading: 'ヤマダ ハナコ', numbers: [{ label: '携帯', number: '080-1111-2222' }] });
    expect(await search(a, 'やまだ')).toEqual(['web:山田 太郎', 'local:山田 花子']);
    expect(await a.call('phonebook.lookup', { number: '06-6543-2100' })).toMatchObject({ book: 'web', name: '新井 涼子', company: '新井工業' });
    const refused = await a.invoke('phonebook.create', { name: '', numbers: [{ number: '0311112222' }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: 'name: 名前を入力してください' } });

    // 4. B calls A: A's ringing line names the caller from A's phonebook
    const dialled = (await b.call('call.dial', { target: A.extension })) as { lineId: string };
    const ringing = await a.waitForLine((line) => line.direction === 'incoming' && line.state === 'ringingIn');
    expect(ringing.remoteNumber).toBe(B.extension);
    expect(ringing.contact).toMatchObject({ book: 'local', name: '鈴木 (内線)', company: '株式会社デモ商事', label: '内線' });
    await b.call('call.hangup', { lineId: dialled.lineId });
    await a.waitForSeenLine((line) => line.id === ringing.id && line.state === 'ended');

    // 5. the server goes away: the cache and the local phonebook still answer, a sync reports it
    await server.close();
    server = undefined;
    const offline = (await a.call('phonebook.sync', {})) as WebPhonebookStatus;
    expect(offline).toMatchObject({ version: second.version, entries: demoEntries });
    expect(offline.lastError).toContain('前回の内容を表示しています');
    expect(await search(a, 'あらい')).toEqual(['web:新井 涼子']);
    expect(await search(a, 'やまだ')).toEqual(['web:山田 太郎', 'local:山田 花子']);
    expect(await a.call('phonebook.lookup', { number: '0312345678' })).toMatchObject({ book: 'web', name: '山田 太郎' });
    await a.call('phonebook.create', { name: 'オフライン 登録', numbers: [{ number: '0399998888' }] });
    expect(await search(a, '0399998888')).toEqual(['local:オフライン 登録']);
  });
});
