import { describe, expect, it } from 'vitest';
import {
  callerNumbersFor,
  channelsOf,
  checkAddNumber,
  checkAdditionalNumberLimit,
  checkCallerNumber,
  checkContractNumber,
  checkDeviceKind,
  checkDisplayName,
  checkExtension,
  checkLabel,
  checkNumberFormat,
  checkPassword,
  checkRemoveId,
  checkRemoveNumber,
  checkRingSet,
  checkSoftphoneLogin,
  checkSoftphoneOption,
  nextFreeDirectNumber,
  numberInUse,
  RULE_MESSAGES,
  type AdminIdState,
  type AdminTenantState,
} from './admin-rules.js';

const id = (idId: number, kind: AdminIdState['kind'] = 'additional'): AdminIdState => ({
  idId,
  kind,
  deviceKind: 'softphone',
  directNumber: `0503000000${idId}`,
  extension: `20${idId}`,
  defaultCallerNumber: '0355550100',
  softphoneOption: true,
});

/** 基本ID 1, 追加ID 2 and 3; 契約番号 10, 追加番号 11. */
const tenant = (): AdminTenantState => ({
  ids: [id(1, 'basic'), id(2), id(3)],
  numbers: [
    { numberId: 10, number: '0355550100', kind: 'contract' },
    { numberId: 11, number: '0355550200', kind: 'additional' },
  ],
});

describe('contract rules (admin-rules)', () => {
  it('channels = number of IDs', () => {
    expect(channelsOf(tenant())).toBe(3);
    expect(channelsOf({ ...tenant(), ids: [id(1, 'basic')] })).toBe(1);
  });

  it('exactly one 契約番号: none or two are refused, and it cannot be removed', () => {
    expect(checkContractNumber([{ kind: 'contract' }, { kind: 'additional' }])).toBeUndefined();
    expect(checkContractNumber([{ kind: 'additional' }])?.code).toBe('rule-contract-number');
    expect(checkContractNumber([{ kind: 'contract' }, { kind: 'contract' }])?.code).toBe('rule-contract-number');
    expect(checkRemoveNumber(tenant(), 10)).toEqual({ code: 'rule-contract-number', message: RULE_MESSAGES.contractNumber });
    expect(checkRemoveNumber(tenant(), 11)).toBeUndefined();
  });

  it('追加番号: at most 2 and never more than the 追加IDs', () => {
    expect(checkAdditionalNumberLimit(tenant())).toBeUndefined();
    // a second 追加番号 fits with 2 追加IDs
    expect(checkAddNumber(tenant(), '0355550300')).toBeUndefined();
    // a third never fits, even with plenty of 追加IDs
    const many = { ...tenant(), ids: [id(1, 'basic'), id(2), id(3), id(4), id(5)] };
    const full = { ...many, numbers: [...many.numbers, { numberId: 12, number: '0355550300', kind: 'additional' as const }] };
    expect(checkAddNumber(full, '0355550400')).toEqual({
      code: 'rule-additional-number-limit',
      message: '追加番号は2つまで、かつ追加IDの数までです',
    });
    // with one 追加ID only one 追加番号
    const oneId = { ...tenant(), ids: [id(1, 'basic'), id(2)] };
    expect(checkAddNumber(oneId, '0355550300')?.code).toBe('rule-additional-number-limit');
    // with no 追加ID, none
    expect(checkAdditionalNumberLimit({ ...tenant(), ids: [id(1, 'basic')] })?.code).toBe('rule-additional-number-limit');
  });

  it('removing a 追加ID is refused when the 追加番号 would outnumber the 追加IDs; the 基本ID never goes', () => {
    const twoNumbers = { ...tenant(), numbers: [...tenant().numbers, { numberId: 12, number: '0355550300', kind: 'additional' as const }] };
    expect(checkRemoveId(twoNumbers, 3)?.code).toBe('rule-additional-number-limit');
    expect(checkRemoveId(tenant(), 3)).toBeUndefined();
    expect(checkRemoveId(tenant(), 1)).toEqual({ code: 'rule-basic-id', message: RULE_MESSAGES.basicId });
  });

  it('caller number: a company number of the tenant or the ID’s own direct number, nothing else', () => {
    expect(callerNumbersFor(tenant(), 2)).toEqual(['0355550100', '0355550200', '05030000002']);
    expect(checkCallerNumber(tenant(), 2, '0355550200')).toBeUndefined();
    expect(checkCallerNumber(tenant(), 2, '05030000002')).toBeUndefined();
    // another ID's direct number, or a number of nobody
    expect(checkCallerNumber(tenant(), 2, '05030000003')?.code).toBe('rule-caller-number');
    expect(checkCallerNumber(tenant(), 2, '0666660100')).toEqual({ code: 'rule-caller-number', message: RULE_MESSAGES.callerNumber });
  });

  it('ring set: only IDs of this tenant', () => {
    expect(checkRingSet(tenant(), [1, 3])).toBeUndefined();
    expect(checkRingSet(tenant(), [])).toBeUndefined();
    expect(checkRingSet(tenant(), [1, 99])).toEqual({ code: 'rule-ring-set-tenant', message: RULE_MESSAGES.ringSetTenant });
  });

  it('device kind: softphone, IP phone, adapter or smartphone app', () => {
    for (const kind of ['softphone', 'ipPhone', 'adapter', 'smartphoneApp']) expect(checkDeviceKind(kind)).toBeUndefined();
    expect(checkDeviceKind('fax')).toEqual({ code: 'rule-device-kind', message: RULE_MESSAGES.deviceKind });
  });

  it('softphone option: a softphone terminal needs it, and only IDs with it may log in with a softphone', () => {
    expect(checkSoftphoneOption('softphone', true)).toBeUndefined();
    expect(checkSoftphoneOption('ipPhone', false)).toBeUndefined();
    expect(checkSoftphoneOption('ipPhone', true)).toBeUndefined();
    expect(checkSoftphoneOption('softphone', false)?.code).toBe('rule-softphone-option');
    expect(checkSoftphoneLogin({ softphoneOption: true })).toBeUndefined();
    expect(checkSoftphoneLogin({ softphoneOption: false })).toEqual({ code: 'rule-softphone-option', message: RULE_MESSAGES.softphoneLogin });
  });

  it('extensions: 2–6 digits not starting with 0, unique within the tenant (the ID itself excepted)', () => {
    expect(checkExtension(tenant(), '21')).toBeUndefined();
    expect(checkExtension(tenant(), '999999')).toBeUndefined();
    for (const bad of ['1', '0201', '1234567', '2a1', '']) expect(checkExtension(tenant(), bad)?.code).toBe('rule-extension-format');
    expect(checkExtension(tenant(), '202')?.code).toBe('rule-extension-unique');
    expect(checkExtension(tenant(), '202')?.message).toContain('内線番号 202');
    expect(checkExtension(tenant(), '202', 2)).toBeUndefined();
  });

  it('numbers, passwords, display names and labels', () => {
    expect(checkNumberFormat('0355550400')).toBeUndefined();
    expect(checkNumberFormat('05031000009')).toBeUndefined();
    for (const bad of ['355550400', '03555504', '035555040000']) expect(checkNumberFormat(bad)?.code).toBe('rule-number-format');
    expect(numberInUse('0355550100')).toEqual({ code: 'rule-number-in-use', message: expect.stringContaining('03-5555-0100') as string });
    expect(checkPassword('12345678')).toBeUndefined();
    expect(checkPassword('1234567')?.code).toBe('rule-password-length');
    expect(checkDisplayName('  ')?.code).toBe('rule-display-name');
    expect(checkDisplayName('佐藤')).toBeUndefined();
    expect(checkLabel('あ'.repeat(65))?.code).toBe('rule-label');
  });

  it('allocates the next free 050 number of the tenant block, skipping numbers used anywhere', () => {
    expect(nextFreeDirectNumber(tenant(), new Set(['05030000002', '05030000003']))).toEqual({ number: '05030000004' });
    expect(nextFreeDirectNumber(tenant(), new Set(['05030000002', '05030000004']))).toEqual({ number: '05030000003' });
    const noBlock = { ...tenant(), ids: [{ ...id(1, 'basic'), directNumber: '0355559999' }] };
    expect(nextFreeDirectNumber(noBlock, new Set())).toMatchObject({ code: 'rule-number-block-full' });
  });
});
