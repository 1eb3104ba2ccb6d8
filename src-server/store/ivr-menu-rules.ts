import { findIvrPrompt } from '../pbx/ivr/ivr-prompts.js';
import type { IvrMenu } from '../pbx/ivr/ivr-menu.js';

/**
 * The rules a company number's voice menu (自動音声応答) must follow before it is stored, as
 * pure functions over the menu and the tenant's IDs (like admin-rules.ts). Every violation names
 * its rule and says in Japanese what to fix, so the customer page can show it as is.
 */
export type IvrRuleCode =
  | 'rule-ivr-prompt'
  | 'rule-ivr-options'
  | 'rule-ivr-digits'
  | 'rule-ivr-digits-unique'
  | 'rule-ivr-digits-prefix'
  | 'rule-ivr-ring-set'
  | 'rule-ivr-ring-set-tenant'
  | 'rule-ivr-label'
  | 'rule-ivr-timeout'
  | 'rule-ivr-repeats';

export interface IvrRuleViolation {
  code: IvrRuleCode;
  message: string;
}

export const MAX_IVR_OPTIONS = 12;
export const MAX_IVR_DIGITS = 4;
export const MAX_IVR_OPTION_LABEL = 32;
export const IVR_TIMEOUT_SECONDS = { min: 1, max: 30 } as const;
export const MAX_IVR_REPEATS = 3;

const DIGITS = new RegExp(`^[0-9*#]{1,${MAX_IVR_DIGITS}}$`);

export const IVR_RULE_MESSAGES = {
  prompt: '案内音声は、用意されている音声から選んでください',
  options: `選択肢は1〜${MAX_IVR_OPTIONS}個にしてください`,
  digits: `選択肢の番号は0〜9・*・#の${MAX_IVR_DIGITS}桁までにしてください`,
  ringSet: '選択肢ごとに、鳴らすIDを1つ以上指定してください',
  ringSetTenant: '選択肢で鳴らせるのは、この契約のIDだけです',
  label: `選択肢の名前は${MAX_IVR_OPTION_LABEL}文字までにしてください`,
  timeout: `入力の待ち時間は${IVR_TIMEOUT_SECONDS.min}〜${IVR_TIMEOUT_SECONDS.max}秒にしてください`,
  repeats: `案内の繰り返しは0〜${MAX_IVR_REPEATS}回にしてください`,
} as const;

const violation = (code: IvrRuleCode, message: string): IvrRuleViolation => ({ code, message });

/** The first rule the menu breaks, or undefined. `tenantIdIds`: every ID of the number's tenant. */
export function checkIvrMenu(menu: IvrMenu, tenantIdIds: readonly number[]): IvrRuleViolation | undefined {
  if (!findIvrPrompt(menu.prompt)) return violation('rule-ivr-prompt', IVR_RULE_MESSAGES.prompt);
  if (!Number.isInteger(menu.timeoutSeconds) || menu.timeoutSeconds < IVR_TIMEOUT_SECONDS.min || menu.timeoutSeconds > IVR_TIMEOUT_SECONDS.max) {
    return violation('rule-ivr-timeout', IVR_RULE_MESSAGES.timeout);
  }
  if (!Number.isInteger(menu.repeats) || menu.repeats < 0 || menu.repeats > MAX_IVR_REPEATS) return violation('rule-ivr-repeats', IVR_RULE_MESSAGES.repeats);
  if (menu.options.length < 1 || menu.options.length > MAX_IVR_OPTIONS) return violation('rule-ivr-options', IVR_RULE_MESSAGES.options);
  const own = new Set(tenantIdIds);
  for (const option of menu.options) {
    if (!DIGITS.test(option.digits)) return violation('rule-ivr-digits', IVR_RULE_MESSAGES.digits);
    if ([...option.label].length > MAX_IVR_OPTION_LABEL) return violation('rule-ivr-label', IVR_RULE_MESSAGES.label);
    if (option.ringSet.length === 0) return violation('rule-ivr-ring-set', IVR_RULE_MESSAGES.ringSet);
    if (!option.ringSet.every((idId) => own.has(idId))) return violation('rule-ivr-ring-set-tenant', IVR_RULE_MESSAGES.ringSetTenant);
  }
  return checkDigitsDistinct(menu.options.map((option) => option.digits));
}

/**
 * No two options with the same keys, and none whose keys begin another's: the PBX decides as
 * soon as the keys pressed equal an option, so "1" would make "12" unreachable.
 */
function checkDigitsDistinct(all: readonly string[]): IvrRuleViolation | undefined {
  for (const [i, digits] of all.entries()) {
    for (const [j, other] of all.entries()) {
      if (i === j) continue;
      if (digits === other) return violation('rule-ivr-digits-unique', `選択肢の番号 ${digits} が重複しています`);
      if (other.startsWith(digits)) {
        return violation('rule-ivr-digits-prefix', `選択肢の番号 ${digits} は ${other} の先頭と同じです（${digits} を押した時点で決まるため、${other} を選べません）`);
      }
    }
  }
  return undefined;
}
