import { describe, expect, it } from 'vitest';
import { checkTenantPlan } from './tenant-rules.js';
import type { IdPlan, TenantPlan } from './tenant-plan.js';

const id = (key: string, n: number, kind: IdPlan['kind'] = 'additional'): IdPlan => ({
  key,
  kind,
  deviceKind: 'softphone',
  directNumber: `0503000000${n}`,
  extension: `20${n}`,
  displayName: `社員${n}`,
  passwordHash: 'hash',
  defaultCallerNumber: '0355550100',
});

const validPlan = (): TenantPlan => ({
  name: '株式会社テスト',
  ids: [id('A', 1, 'basic'), id('B', 2), id('C', 3)],
  companyNumbers: [
    { number: '0355550100', kind: 'contract', label: '代表', ringSet: ['A', 'B', 'C'] },
    { number: '0355550200', kind: 'additional', label: '営業', ringSet: ['A'] },
    { number: '0355550300', kind: 'additional', label: 'サポート', ringSet: ['B', 'C'] },
  ],
});

const messageOf = (plan: TenantPlan): string => {
  const result = checkTenantPlan(plan);
  return result.ok ? '' : result.error.message;
};

describe('checkTenantPlan (contract rules of DESIGN.md §2)', () => {
  it('accepts a valid plan', () => {
    expect(checkTenantPlan(validPlan())).toEqual({ ok: true, value: undefined });
  });

  it('needs exactly one basic ID and exactly one contract number', () => {
    const plan = validPlan();
    expect(messageOf({ ...plan, ids: plan.ids.map((i) => ({ ...i, kind: 'additional' as const })) })).toContain('基本IDはちょうど1つ');
    expect(messageOf({ ...plan, companyNumbers: plan.companyNumbers.slice(1) })).toContain('契約番号はちょうど1つ');
  });

  it('allows at most 2 additional numbers and never more than the additional IDs', () => {
    const plan = validPlan();
    const fourth = { number: '0355550400', kind: 'additional' as const, label: '', ringSet: [] };
    expect(messageOf({ ...plan, ids: [...plan.ids, id('D', 4)], companyNumbers: [...plan.companyNumbers, fourth] })).toContain('2つまで');
    expect(messageOf({ ...plan, ids: plan.ids.slice(0, 2) })).toContain('追加IDの数まで');
  });

  it('rejects duplicate numbers and extensions, unknown ring-set members and foreign caller numbers', () => {
    const plan = validPlan();
    const [a, b, c] = plan.ids as [IdPlan, IdPlan, IdPlan];
    expect(messageOf({ ...plan, ids: [a, { ...b, directNumber: a.directNumber }, c] })).toContain('重複');
    expect(messageOf({ ...plan, ids: [a, { ...b, extension: a.extension }, c] })).toContain('内線番号 201 が重複');
    expect(messageOf({ ...plan, ids: [a, { ...b, directNumber: '0355550200' }, c] })).toContain('0355550200 が重複');
    expect(
      messageOf({ ...plan, companyNumbers: [{ number: '0355550100', kind: 'contract', label: '', ringSet: ['Z'] }] }),
    ).toContain('存在しないID Z');
    expect(messageOf({ ...plan, ids: [{ ...a, defaultCallerNumber: '0312345678' }, b, c] })).toContain('この契約の番号ではありません');
    expect(messageOf({ ...plan, ids: [{ ...a, defaultCallerNumber: a.directNumber }, b, c] })).toBe('');
  });

  it('rejects malformed numbers and extensions', () => {
    const plan = validPlan();
    const [a, b, c] = plan.ids as [IdPlan, IdPlan, IdPlan];
    expect(messageOf({ ...plan, ids: [{ ...a, directNumber: '050-3000-0001' }, b, c] })).toContain('正しくありません');
    expect(messageOf({ ...plan, ids: [{ ...a, extension: '0201' }, b, c] })).toContain('内線番号 0201');
  });
});
