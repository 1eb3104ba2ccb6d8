import { describe, expect, it } from 'vitest';
import { buildLinkUrl, LINK_TEMPLATE_MAX_LENGTH, linkTemplateProblem, linkTemplateSchema, toE164Japan } from './link-template.js';

const built = (template: string, values: Parameters<typeof buildLinkUrl>[1]): string => {
  const result = buildLinkUrl(template, values);
  if (!result.ok) throw new Error(result.problem);
  return result.url;
};

describe('link template rules', () => {
  it.each([
    'https://crm.example.jp/search?tel={number}',
    'http://crm.example.jp:8080/calls/{number_e164}?to={called}&ivr={ivr}',
    'https://crm.example.jp/c/{number}#{ivr}',
    'HTTPS://crm.example.jp/static',
  ])('accepts %s', (template) => {
    expect(linkTemplateProblem(template)).toBeUndefined();
  });

  it.each([
    ['javascript:alert(1)', /http/],
    ['javascript:alert(1)//{number}', /http/],
    ['data:text/html,<script>alert(1)</script>', /http/],
    ['file:///etc/passwd', /http/],
    ['vbscript:msgbox', /http/],
    ['{number}://crm.example.jp/', /http/],
    ['http{number}://crm.example.jp/', /http/],
    ['https://{number}.example.jp/', /ホスト名/],
    ['https://crm.example.jp:{number}/', /ホスト名/],
    ['https://user:pass@crm.example.jp/?q={number}', /ユーザー名/],
    ['https://crm.example.jp/?q={phone}', /\{phone\}/],
    ['https://crm.example.jp/?q={number', /\{ \}/],
    ['https://crm.example.jp/?q= {number}', /空白/],
    ['https://crm.example.jp/?q={number}\r\nX-Evil: 1', /制御文字/],
    ['https://crm.example.jp\\@evil.example/', /\\/],
    ['https://crm.example.jp/a/../admin/{number}', /\.\./],
    ['https://crm.example.jp/a/%2e%2E/{number}', /\.\./],
    ['https:///{number}', /ホスト名|形式/],
    ['', /入力/],
    [`https://crm.example.jp/?q=${'x'.repeat(LINK_TEMPLATE_MAX_LENGTH)}`, /文字まで/],
  ])('refuses %j', (template, reason) => {
    expect(linkTemplateProblem(template)).toMatch(reason);
    expect(buildLinkUrl(template, { number: '0312345678' }).ok).toBe(false);
  });

  it('treats null and blank as "not set" and refuses a bad template with its reason', () => {
    expect(linkTemplateSchema.parse(null)).toBeNull();
    expect(linkTemplateSchema.parse('  ')).toBeNull();
    const refused = linkTemplateSchema.safeParse('javascript:alert(1)');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/http/);
  });
});

describe('buildLinkUrl with hostile values', () => {
  it('fills each placeholder with its URL-encoded value', () => {
    expect(built('https://crm.example.jp/s?tel={number}&e={number_e164}&to={called}&ivr={ivr}', {
      number: '0312345678',
      number_e164: '+81312345678',
      called: '0355550100',
      ivr: '2',
    })).toBe('https://crm.example.jp/s?tel=0312345678&e=%2B81312345678&to=0355550100&ivr=2');
  });

  it('a number cannot add parameters, change the path or inject markup', () => {
    const url = built('http://x/{number}', { number: '../../?a=1&b=<script>' });
    expect(url).toBe('http://x/..%2F..%2F%3Fa%3D1%26b%3D%3Cscript%3E');
    const parsed = new URL(url);
    expect(parsed.host).toBe('x');
    expect(parsed.search).toBe('');
    expect(parsed.pathname).toBe('/..%2F..%2F%3Fa%3D1%26b%3D%3Cscript%3E');
  });

  it('a value that would become a dot segment is refused rather than moving up the path', () => {
    for (const number of ['..', '.', '%2e%2e']) {
      const result = buildLinkUrl('https://crm.example.jp/a/{number}/view', { number });
      if (number === '%2e%2e') {
        // the % is encoded itself: %252e%252e is no dot segment
        expect(result).toEqual({ ok: true, url: 'https://crm.example.jp/a/%252e%252e/view' });
      } else {
        expect(result.ok).toBe(false);
      }
    }
    // in the query a dot is harmless
    expect(built('https://crm.example.jp/a?q={number}', { number: '..' })).toBe('https://crm.example.jp/a?q=..');
  });

  it('CR/LF, NUL and a fragment marker are encoded, never raw', () => {
    const url = built('https://crm.example.jp/?q={number}', { number: '03\r\nSet-Cookie: a=b\u0000#frag' });
    expect(url).toBe('https://crm.example.jp/?q=03%0D%0ASet-Cookie%3A%20a%3Db%00%23frag');
    expect(url).not.toMatch(/[\r\n\0]/);
    expect(new URL(url).hash).toBe('');
  });

  it('unicode is UTF-8 encoded; a lone surrogate becomes U+FFFD instead of throwing', () => {
    expect(built('https://crm.example.jp/?n={number}', { number: '０３ー田中😀' })).toBe(
      `https://crm.example.jp/?n=${encodeURIComponent('０３ー田中😀')}`,
    );
    expect(built('https://crm.example.jp/?n={number}', { number: 'a\uD800b' })).toBe('https://crm.example.jp/?n=a%EF%BF%BDb');
  });

  it('a very long value is refused with a clear message', () => {
    const result = buildLinkUrl('https://crm.example.jp/?n={number}', { number: '0'.repeat(100_000) });
    expect(result).toEqual({ ok: false, problem: expect.stringMatching(/長すぎ/) });
  });

  it('a value that looks like a URL stays a value on the template host', () => {
    const url = built('https://crm.example.jp/{number}', { number: '//evil.example/x' });
    expect(new URL(url).host).toBe('crm.example.jp');
    expect(built('https://crm.example.jp/?u={number}', { number: 'javascript:alert(1)' })).toBe(
      'https://crm.example.jp/?u=javascript%3Aalert(1)',
    );
  });

  it('missing values become empty', () => {
    expect(built('https://crm.example.jp/?n={number}&ivr={ivr}', {})).toBe('https://crm.example.jp/?n=&ivr=');
  });
});

describe('toE164Japan', () => {
  it.each([
    ['0312345678', '+81312345678'],
    ['090-1234-5678', '+819012345678'],
    ['０３１２３４５６７８', '+81312345678'],
    ['+81 3 1234 5678', '+81312345678'],
    ['201', ''],
    ['anonymous', ''],
    ['../../?a=1', ''],
  ])('%s → %j', (input, expected) => {
    expect(toE164Japan(input)).toBe(expected);
  });
});
