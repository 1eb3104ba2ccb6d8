import { describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../../src-shared/contract/dispatch.js';
import { linksRequests } from '../../../src-shared/contract/requests/links.js';
import type { LineSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { createSilentLogger } from '../logging/logger.js';
import { linkHandlers } from './link-handlers.js';
import { LinkService, type LinkTemplates } from './link-service.js';

const incoming: LineSnapshot = {
  id: 'line-1',
  direction: 'incoming',
  state: 'ringingIn',
  remoteNumber: '0312345678',
  remoteName: '',
  calledNumber: '0355550100',
  calledLabel: '代表',
  callerNumber: null,
  startedAt: 0,
  connectedAt: null,
  endedAt: null,
  endReason: null,
};

function setup(options: { provisioned?: LinkTemplates | null; overrides?: Partial<LinkTemplates>; lines?: LineSnapshot[]; opener?: boolean } = {}) {
  const opened: string[] = [];
  const service = new LinkService({
    provisioned: () => (options.provisioned === undefined ? { crm: 'https://crm.example.jp/calls?tel={number}&to={called}', numberSearch: null } : options.provisioned),
    overrides: () => ({ crm: null, numberSearch: null, ...options.overrides }),
    line: (lineId) => (options.lines ?? [incoming]).find((line) => line.id === lineId),
    openExternal: options.opener === false ? undefined : (url) => void opened.push(url),
    logger: createSilentLogger(),
  });
  const invoke = (method: 'links.build' | 'links.open', args: unknown) => dispatchRequest(linksRequests, linkHandlers(service), method, args);
  return { service, opened, invoke };
}

describe('LinkService', () => {
  it('fills the provisioned CRM template from a line: remote and called number', async () => {
    const { invoke } = setup();
    expect(await invoke('links.build', { kind: 'crm', lineId: 'line-1' })).toEqual({
      ok: true,
      value: 'https://crm.example.jp/calls?tel=0312345678&to=0355550100',
    });
  });

  it('a template in settings wins over the provisioned one; e164 and ivr are filled too', async () => {
    const { invoke } = setup({ overrides: { crm: 'https://mine.example.jp/p/{number_e164}?ivr={ivr}' } });
    expect(await invoke('links.build', { kind: 'crm', lineId: 'line-1', ivr: '2' })).toEqual({
      ok: true,
      value: 'https://mine.example.jp/p/%2B81312345678?ivr=2',
    });
  });

  it('a line that came through a voice menu fills {ivr} with its keys', async () => {
    const { invoke } = setup({ overrides: { crm: 'https://mine.example.jp/c?tel={number}&ivr={ivr}' }, lines: [{ ...incoming, ivrDigits: '2#' }] });
    expect(await invoke('links.build', { kind: 'crm', lineId: 'line-1' })).toEqual({ ok: true, value: 'https://mine.example.jp/c?tel=0312345678&ivr=2%23' });
  });

  it('number search from a typed number', async () => {
    const { invoke } = setup({ provisioned: { crm: null, numberSearch: 'https://www.google.com/search?q={number}' } });
    expect(await invoke('links.build', { kind: 'search', number: '03-1234-5678' })).toEqual({
      ok: true,
      value: 'https://www.google.com/search?q=03-1234-5678',
    });
  });

  it('says clearly when no template is set, the line is unknown, or nothing is named', async () => {
    const { invoke } = setup({ provisioned: null });
    expect(await invoke('links.build', { kind: 'search', number: '0312345678' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: '番号検索のURLが設定されていません' },
    });
    const withTemplate = setup();
    expect(await withTemplate.invoke('links.build', { kind: 'crm', lineId: 'line-9' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await withTemplate.invoke('links.build', { kind: 'crm' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('a hostile caller ID stays inside its parameter', async () => {
    const hostile = { ...incoming, remoteNumber: '../../?a=1&b=<script>' };
    const { invoke } = setup({ lines: [hostile], provisioned: { crm: 'http://x/{number}', numberSearch: null } });
    const result = await invoke('links.build', { kind: 'crm', lineId: 'line-1' });
    expect(result).toEqual({ ok: true, value: 'http://x/..%2F..%2F%3Fa%3D1%26b%3D%3Cscript%3E' });
  });

  it('a hostile provisioned template is never built, let alone opened', async () => {
    for (const crm of ['javascript:alert(1)', 'data:text/html,<b>{number}</b>', 'file:///C:/Windows/{number}', 'https://{number}/']) {
      const { invoke, opened } = setup({ provisioned: { crm, numberSearch: null } });
      const result = await invoke('links.open', { kind: 'crm', lineId: 'line-1' });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/リンクの設定が正しくありません/) } });
      expect(opened).toEqual([]);
    }
  });

  it('a number too long for any link is refused by the contract before anything runs', async () => {
    const { invoke } = setup();
    expect(await invoke('links.build', { kind: 'crm', number: '0'.repeat(200) })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('open hands the URL to the injected opener, or returns it for window.open where there is none', async () => {
    const withOpener = setup();
    expect(await withOpener.invoke('links.open', { kind: 'crm', lineId: 'line-1' })).toEqual({
      ok: true,
      value: { url: 'https://crm.example.jp/calls?tel=0312345678&to=0355550100', opened: true },
    });
    expect(withOpener.opened).toEqual(['https://crm.example.jp/calls?tel=0312345678&to=0355550100']);
    const browserHost = setup({ opener: false });
    expect(await browserHost.invoke('links.open', { kind: 'crm', lineId: 'line-1' })).toMatchObject({ ok: true, value: { opened: false } });
  });

  it('an opener that fails becomes a clear error', async () => {
    const service = new LinkService({
      provisioned: () => ({ crm: 'https://crm.example.jp/?q={number}', numberSearch: null }),
      overrides: () => ({ crm: null, numberSearch: null }),
      line: () => undefined,
      openExternal: () => Promise.reject(new Error('no browser')),
      logger: createSilentLogger(),
    });
    await expect(service.open({ kind: 'crm', number: '0312345678' })).rejects.toMatchObject({ code: 'unavailable', message: 'ブラウザでリンクを開けませんでした' });
  });
});
