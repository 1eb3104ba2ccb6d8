import { describe, expect, it } from 'vitest';
import { expandLinkTemplate, LINK_TEMPLATE_MAX_LENGTH, linkTemplateProblem, linkTemplateSchema } from './link-template.js';

describe('link templates', () => {
  it.each([
    'https://crm.example.jp/search?tel={number}',
    'http://crm.example.jp:8080/calls/{number_e164}?to={called}&ivr={ivr}',
    'https://www.google.com/search?q={number}',
    'https://crm.example.jp/static-page',
  ])('accepts %s', (template) => {
    expect(linkTemplateProblem(template)).toBeUndefined();
  });

  it.each([
    ['javascript:alert(1)//{number}', /http/],
    ['file:///etc/passwd', /http/],
    ['ftp://example.jp/{number}', /http/],
    ['//crm.example.jp/{number}', /形式/],
    ['crm.example.jp/{number}', /形式/],
    ['https://crm.example.jp/?q={phone}', /\{phone\}/],
    ['https://crm.example.jp/?q={number', /\{ \}/],
    ['https://{number}.example.jp/', /ホスト名/],
    ['https://user:pass@crm.example.jp/?q={number}', /ユーザー名/],
    ['https://crm.example.jp/?q= {number}', /空白/],
    [`https://crm.example.jp/?q=${'x'.repeat(LINK_TEMPLATE_MAX_LENGTH)}`, /文字まで/],
  ])('refuses %s', (template, reason) => {
    expect(linkTemplateProblem(template)).toMatch(reason);
  });

  it('treats null and an empty string as "not set"', () => {
    expect(linkTemplateSchema.parse(null)).toBeNull();
    expect(linkTemplateSchema.parse('  ')).toBeNull();
    expect(linkTemplateSchema.safeParse('javascript:alert(1)').success).toBe(false);
  });

  it('URL-encodes every value, so a hostile caller ID cannot add parameters', () => {
    expect(expandLinkTemplate('https://crm.example.jp/search?tel={number}&to={called}', { number: '03&admin=1#x', called: '0355550100' })).toBe(
      'https://crm.example.jp/search?tel=03%26admin%3D1%23x&to=0355550100',
    );
    expect(expandLinkTemplate('https://crm.example.jp/?e={number_e164}&ivr={ivr}', { number_e164: '+81312345678' })).toBe(
      'https://crm.example.jp/?e=%2B81312345678&ivr=',
    );
  });
});
