import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, customerLogin, softphoneLogin, startTestServer, type Credentials, type TestServer } from '../customer-page/api-test-support.js';
import { DEMO_TENANT, DEMO_TENANT_2, demoId, demoTenant2Id } from '../store/demo-tenant.js';
import { DEMO_PHONEBOOKS } from './demo-phonebook.js';

interface EntryBody {
  id: number;
  name: string;
  reading: string;
  company: string;
  numbers: { label: string; digits: string }[];
  version: number;
}
interface ListBody {
  total: number;
  version: number;
  entries: EntryBody[];
}
interface ChangesBody {
  version: number;
  upserts: EntryBody[];
  deletions: number[];
  more: boolean;
  reset: boolean;
}

type Customer = Required<Pick<Credentials, 'cookie' | 'csrfToken'>>;

/** The Web電話帳 API through a real server: every route, its errors, and tenant isolation. */
describe('phonebook API (real server)', () => {
  let t: TestServer;
  let one: Customer;
  let two: Customer;
  let phoneOne: string;
  let phoneTwo: string;

  const list = async (who: Customer, query = ''): Promise<ListBody> => {
    const answer = await call(t.url, 'GET', `/api/customer/phonebook${query}`, who);
    expect(answer.status).toBe(200);
    return answer.body as ListBody;
  };
  const changes = async (token: string, since: number, limit = 500): Promise<ChangesBody> => {
    const answer = await call(t.url, 'GET', `/api/softphone/phonebook/changes?since=${since}&limit=${limit}`, { token });
    expect(answer.status).toBe(200);
    return answer.body as ChangesBody;
  };
  const upload = async (who: Partial<Customer>, bytes: Uint8Array, query = '', contentType = 'text/csv') => {
    const headers: Record<string, string> = { 'Content-Type': contentType };
    if (who.cookie) headers.Cookie = who.cookie;
    if (who.csrfToken) headers['X-CSRF-Token'] = who.csrfToken;
    const response = await fetch(`${t.url}/api/customer/phonebook/import${query}`, { method: 'POST', headers, body: new Uint8Array(bytes) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const download = async (who: Customer, query = '') => {
    const response = await fetch(`${t.url}/api/customer/phonebook/export${query}`, { headers: { Cookie: who.cookie } });
    return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
  };
  const add = async (who: Customer, body: unknown) => call(t.url, 'POST', '/api/customer/phonebook', { ...who, body });

  beforeAll(async () => {
    t = await startTestServer();
    [one, two, phoneOne, phoneTwo] = await Promise.all([
      customerLogin(t.url, demoId('A').directNumber, demoId('A').password),
      customerLogin(t.url, demoTenant2Id('A').directNumber, demoTenant2Id('A').password),
      softphoneLogin(t.url, demoId('B').directNumber, demoId('B').password),
      softphoneLogin(t.url, demoTenant2Id('B').directNumber, demoTenant2Id('B').password),
    ]);
  });
  afterAll(async () => t?.close());

  it('lists the seeded demo entries in reading order and searches them by kana, company and number', async () => {
    const all = await list(one);
    expect(all.total).toBe(DEMO_PHONEBOOKS[DEMO_TENANT.name]!.length);
    expect(all.entries.map((e) => e.reading)).toEqual([...all.entries.map((e) => e.reading)].sort());
    expect((await list(one, `?q=${encodeURIComponent('ﾔﾏﾀﾞ')}`)).entries.map((e) => e.name)).toEqual(['山田 太郎']);
    expect((await list(one, `?q=${encodeURIComponent('東京物産')}`)).entries.map((e) => e.name)).toEqual(['佐々木 花子']);
    expect((await list(one, '?q=090-1234')).entries.map((e) => e.name)).toEqual(['山田 太郎']);
    const page = await list(one, '?offset=1&limit=2');
    expect(page.entries.map((e) => e.id)).toEqual(all.entries.slice(1, 3).map((e) => e.id));
  });

  it('refuses bad list parameters, a missing session and a missing CSRF token', async () => {
    expect((await call(t.url, 'GET', '/api/customer/phonebook?limit=0', one)).status).toBe(400);
    expect((await call(t.url, 'GET', '/api/customer/phonebook?limit=abc', one)).status).toBe(400);
    expect((await call(t.url, 'GET', '/api/customer/phonebook')).status).toBe(401);
    const noCsrf = await call(t.url, 'POST', '/api/customer/phonebook', { cookie: one.cookie, body: { name: 'x', numbers: [{ number: '0312345678' }] } });
    expect([noCsrf.status, noCsrf.code]).toEqual([403, 'csrf']);
    expect((await call(t.url, 'GET', '/api/softphone/phonebook/changes')).status).toBe(401);
    expect((await call(t.url, 'GET', '/api/softphone/phonebook/search?q=a', { token: 'x'.repeat(43) })).status).toBe(401);
  });

  it('adds, edits and deletes an entry, and a softphone syncs each change, deletion included', async () => {
    const before = (await changes(phoneOne, 0)).version;
    const added = await add(one, { name: '  新規 一郎 ', reading: 'しんき いちろう', company: 'テスト株式会社', numbers: [{ label: '携帯', number: '０９０－１１１１－２２２２' }] });
    expect(added.status).toBe(201);
    const entry = added.body as EntryBody;
    expect(entry).toMatchObject({ name: '新規 一郎', numbers: [{ label: '携帯', digits: '09011112222' }], version: before + 1 });

    const patched = await call(t.url, 'PATCH', `/api/customer/phonebook/${entry.id}`, { ...one, body: { company: '改名株式会社' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: '新規 一郎', company: '改名株式会社', version: before + 2 });

    let sync = await changes(phoneOne, before);
    expect(sync).toMatchObject({ version: before + 2, deletions: [], more: false, reset: false });
    expect(sync.upserts.map((e) => e.company)).toEqual(['改名株式会社']);

    expect((await call(t.url, 'DELETE', `/api/customer/phonebook/${entry.id}`, one)).status).toBe(200);
    expect((await call(t.url, 'DELETE', `/api/customer/phonebook/${entry.id}`, one)).status).toBe(404);
    sync = await changes(phoneOne, before + 2);
    expect(sync).toMatchObject({ version: before + 3, upserts: [], deletions: [entry.id] });
  });

  it('explains invalid entries field by field', async () => {
    const bad = await add(one, { name: '', numbers: [{ number: '03-abcd' }] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      problems: [
        { field: 'name', reason: '名前を入力してください' },
        { field: 'number', index: 0, reason: '電話番号は数字とハイフンで入力してください' },
      ],
    });
    expect((await add(one, { name: '番号なし', numbers: [] })).message).toBe('電話番号を 1 つ以上入力してください');
    expect((await add(one, { name: 'x', numbers: [{ number: '0312345678' }], extra: 1 })).status).toBe(400);
    const id = (await list(one)).entries[0]!.id;
    expect((await call(t.url, 'PATCH', `/api/customer/phonebook/${id}`, { ...one, body: { numbers: [] } })).status).toBe(400);
    expect((await call(t.url, 'PATCH', '/api/customer/phonebook/abc', { ...one, body: {} })).status).toBe(404);
  });

  it('keeps tenants apart: another tenant\'s entry is 404 everywhere and never listed or synced', async () => {
    const mine = (await list(one)).entries[0]!;
    const theirs = await list(two);
    expect(theirs.entries.map((e) => e.name)).toEqual(DEMO_PHONEBOOKS[DEMO_TENANT_2.name]!.map((e) => e.name));
    expect((await list(two, `?q=${encodeURIComponent(mine.name)}`)).total).toBe(0);
    expect((await call(t.url, 'PATCH', `/api/customer/phonebook/${mine.id}`, { ...two, body: { name: '乗っ取り' } })).status).toBe(404);
    expect((await call(t.url, 'DELETE', `/api/customer/phonebook/${mine.id}`, two)).status).toBe(404);
    expect((await list(one)).entries.find((e) => e.id === mine.id)?.name).toBe(mine.name);

    const theirSync = await changes(phoneTwo, 0);
    expect(theirSync.upserts.map((e) => e.name)).toEqual(theirs.entries.map((e) => e.name));
    const search = await call(t.url, 'GET', `/api/softphone/phonebook/search?q=${encodeURIComponent('やまだ')}`, { token: phoneTwo });
    expect(search.body).toMatchObject({ total: 0, entries: [] });
  });

  it('pages softphone sync with `more` and answers softphone searches', async () => {
    const first = await changes(phoneOne, 0, 2);
    expect(first.more).toBe(true);
    expect(first.upserts.length + first.deletions.length).toBe(2);
    const rest = await changes(phoneOne, first.version, 1000);
    expect(rest.more).toBe(false);
    expect((await call(t.url, 'GET', '/api/softphone/phonebook/changes?since=-1', { token: phoneOne })).status).toBe(400);
    expect((await changes(phoneOne, 10_000_000)).reset).toBe(true);

    const search = await call(t.url, 'GET', `/api/softphone/phonebook/search?q=${encodeURIComponent('さくら')}&limit=5`, { token: phoneOne });
    expect(search.status).toBe(200);
    expect((search.body as ListBody).entries.map((e) => e.name)).toEqual(['高田 美咲']);
  });

  it('rejects a Shift_JIS file with one bad row with a 422 report and applies nothing', async () => {
    const before = await list(one);
    const csv = ['名前,フリガナ,電話番号1,電話番号1種別', '取込 一郎,トリコミ イチロウ,03-1111-1111,会社', '取込 二郎,トリコミ ジロウ,でんわ,携帯', '取込 三郎,,06-3333-3333,'].join('\r\n');
    const answer = await upload(one, iconv.encode(csv, 'cp932'), '?mode=replace');
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      encoding: 'sjis',
      problems: [{ row: 3, column: '電話番号1', reason: '電話番号は数字とハイフンで入力してください' }],
      error: { code: 'invalid-argument', message: expect.stringContaining('1 行に問題があるため') },
    });
    const after = await list(one);
    expect(after.total).toBe(before.total);
    expect(after.version).toBe(before.version);
  });

  it('imports (append and replace) and exports in UTF-8 and Shift_JIS, round trip included', async () => {
    const csv = '\ufeff電話番号1,名前,会社名\r\n03-2222-2222,取込 花子,株式会社インポート\r\n';
    const appended = await upload(one, new TextEncoder().encode(csv), '?mode=append', 'application/vnd.ms-excel');
    expect(appended).toMatchObject({ status: 200, body: { added: 1, deleted: 0, mode: 'append', encoding: 'utf8' } });
    expect((await list(one, `?q=${encodeURIComponent('インポート')}`)).total).toBe(1);

    const utf8 = await download(one);
    expect(utf8.status).toBe(200);
    expect(utf8.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(utf8.headers.get('content-disposition')).toContain('attachment');
    expect([...utf8.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(utf8.bytes)).toContain('山田 太郎,ヤマダ タロウ,株式会社山田商店,営業部,03-1234-5678,会社,090-1234-5678,携帯');

    const sjis = await download(one, '?encoding=sjis');
    expect(sjis.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
    expect(iconv.decode(Buffer.from(sjis.bytes), 'cp932')).toContain('取込 花子');

    // Replace with the Shift_JIS export itself: same entries afterwards (new ids).
    const before = await list(one, '?limit=200');
    const replaced = await upload(one, sjis.bytes, '?mode=replace');
    expect(replaced).toMatchObject({ status: 200, body: { added: before.total, deleted: before.total, encoding: 'sjis' } });
    const after = await list(one, '?limit=200');
    const shape = (e: EntryBody) => [e.name, e.reading, e.company, e.numbers];
    expect(after.entries.map(shape)).toEqual(before.entries.map(shape));
    const sync = await changes(phoneOne, before.version);
    expect(sync.deletions.sort()).toEqual(before.entries.map((e) => e.id).sort());
  });

  it('refuses unusable uploads with clear errors', async () => {
    expect((await upload(one, new TextEncoder().encode('名前,電話番号1\n'), '', 'application/json')).status).toBe(415);
    expect((await upload(one, new TextEncoder().encode('名前,電話番号1\nx,0312345678\n'), '?mode=merge')).status).toBe(400);
    const unknown = await upload(one, new TextEncoder().encode('名前,電話番号1,誕生日\nx,0312345678,1/1\n'));
    expect(unknown).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('不明な見出しがあります: 誕生日') } } });
    const big = await upload(one, new Uint8Array(5 * 1024 * 1024 + 1));
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'payload-too-large' } } });
    expect((await upload({ cookie: one.cookie }, new TextEncoder().encode('名前,電話番号1\n'))).status).toBe(403);
    expect((await upload({}, new TextEncoder().encode('名前,電話番号1\n'))).status).toBe(401);
    expect((await download(two, '?encoding=latin1')).status).toBe(400);
  });
});
