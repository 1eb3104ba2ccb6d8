import { describe, expect, it } from 'vitest';
import type { IvrMenu } from '../pbx/ivr/ivr-menu.js';
import { checkIvrMenu, IVR_RULE_MESSAGES, MAX_IVR_OPTIONS } from './ivr-menu-rules.js';

const TENANT_IDS = [11, 12, 13];
const menu = (patch: Partial<IvrMenu> = {}): IvrMenu => ({
  prompt: 'keiri-menu-ja',
  options: [
    { digits: '1', label: 'お支払い', ringSet: [11] },
    { digits: '2', label: 'ご請求', ringSet: [12, 13] },
  ],
  timeoutSeconds: 5,
  repeats: 1,
  onNoChoice: 'ringSet',
  ...patch,
});
const option = (digits: string, ringSet: number[] = [11], label = ''): IvrMenu['options'][number] => ({ digits, label, ringSet });

describe('IVR menu rules', () => {
  it('accepts a usable menu', () => {
    expect(checkIvrMenu(menu(), TENANT_IDS)).toBeUndefined();
    expect(checkIvrMenu(menu({ options: [option('*0'), option('#'), option('123')], repeats: 0, onNoChoice: 'hangUp' }), TENANT_IDS)).toBeUndefined();
  });

  it('needs a bundled prompt', () => {
    expect(checkIvrMenu(menu({ prompt: '../../etc/passwd' }), TENANT_IDS)).toEqual({ code: 'rule-ivr-prompt', message: IVR_RULE_MESSAGES.prompt });
    expect(checkIvrMenu(menu({ prompt: '' }), TENANT_IDS)?.code).toBe('rule-ivr-prompt');
  });

  it('needs 1–12 options with keys of 0-9 * # (at most 4)', () => {
    expect(checkIvrMenu(menu({ options: [] }), TENANT_IDS)?.code).toBe('rule-ivr-options');
    const many = Array.from({ length: MAX_IVR_OPTIONS + 1 }, (_, i) => option(String(100 + i)));
    expect(checkIvrMenu(menu({ options: many }), TENANT_IDS)?.code).toBe('rule-ivr-options');
    for (const digits of ['', 'A', '12345', '1 ', '１', '0x']) {
      expect(checkIvrMenu(menu({ options: [option(digits)] }), TENANT_IDS)?.code, digits).toBe('rule-ivr-digits');
    }
  });

  it('refuses the same keys twice, and keys that begin another option’s', () => {
    expect(checkIvrMenu(menu({ options: [option('1'), option('1', [12])] }), TENANT_IDS)?.code).toBe('rule-ivr-digits-unique');
    const prefix = checkIvrMenu(menu({ options: [option('1'), option('12')] }), TENANT_IDS);
    expect(prefix?.code).toBe('rule-ivr-digits-prefix');
    expect(prefix?.message).toContain('12');
  });

  it('rings at least one ID of this tenant per option, and nobody else’s', () => {
    expect(checkIvrMenu(menu({ options: [option('1', [])] }), TENANT_IDS)?.code).toBe('rule-ivr-ring-set');
    expect(checkIvrMenu(menu({ options: [option('1', [11, 99])] }), TENANT_IDS)).toEqual({
      code: 'rule-ivr-ring-set-tenant',
      message: IVR_RULE_MESSAGES.ringSetTenant,
    });
  });

  it('limits the label, the key timeout and the repeats', () => {
    expect(checkIvrMenu(menu({ options: [option('1', [11], 'あ'.repeat(33))] }), TENANT_IDS)?.code).toBe('rule-ivr-label');
    expect(checkIvrMenu(menu({ options: [option('1', [11], 'あ'.repeat(32))] }), TENANT_IDS)).toBeUndefined();
    for (const timeoutSeconds of [0, 31, 2.5]) expect(checkIvrMenu(menu({ timeoutSeconds }), TENANT_IDS)?.code).toBe('rule-ivr-timeout');
    for (const repeats of [-1, 4, 0.5]) expect(checkIvrMenu(menu({ repeats }), TENANT_IDS)?.code).toBe('rule-ivr-repeats');
  });
});
