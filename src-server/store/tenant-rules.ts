import { fail, ok, type Result } from '../../src-shared/contract/result.js';
import type { TenantPlan } from './tenant-plan.js';

/** The contract rules of DESIGN.md §2, checked before anything is written. */
export const MAX_ADDITIONAL_NUMBERS = 2;

const NATIONAL_NUMBER = /^0\d{9,10}$/;
const EXTENSION = /^[1-9]\d{1,5}$/;

export function checkTenantPlan(plan: TenantPlan): Result<void> {
  const problems: string[] = [];
  const name = plan.name.trim();
  if (name.length === 0 || name.length > 128) problems.push('契約名は1〜128文字にしてください');

  const basicIds = plan.ids.filter((id) => id.kind === 'basic');
  const additionalIds = plan.ids.filter((id) => id.kind === 'additional');
  if (basicIds.length !== 1) problems.push('基本IDはちょうど1つ必要です');

  const contractNumbers = plan.companyNumbers.filter((n) => n.kind === 'contract');
  const additionalNumbers = plan.companyNumbers.filter((n) => n.kind === 'additional');
  if (contractNumbers.length !== 1) problems.push('契約番号はちょうど1つ必要です');
  if (additionalNumbers.length > MAX_ADDITIONAL_NUMBERS) problems.push(`追加番号は${MAX_ADDITIONAL_NUMBERS}つまでです`);
  if (additionalNumbers.length > additionalIds.length) problems.push('追加番号は追加IDの数までです');

  const keys = new Set<string>();
  const extensions = new Set<string>();
  const numbers = new Set<string>();
  const claimNumber = (number: string, what: string): void => {
    if (!NATIONAL_NUMBER.test(number)) problems.push(`${what}の番号 ${number} が正しくありません`);
    if (numbers.has(number)) problems.push(`番号 ${number} が重複しています`);
    numbers.add(number);
  };

  for (const id of plan.ids) {
    if (keys.has(id.key)) problems.push(`ID ${id.key} が重複しています`);
    keys.add(id.key);
    claimNumber(id.directNumber, `ID ${id.key} の直通番号`);
    if (!EXTENSION.test(id.extension)) problems.push(`ID ${id.key} の内線番号 ${id.extension} が正しくありません`);
    if (extensions.has(id.extension)) problems.push(`内線番号 ${id.extension} が重複しています`);
    extensions.add(id.extension);
    const displayName = id.displayName.trim();
    if (displayName.length === 0 || displayName.length > 64) problems.push(`ID ${id.key} の表示名は1〜64文字にしてください`);
  }

  const companyNumbers = new Set<string>();
  for (const companyNumber of plan.companyNumbers) {
    claimNumber(companyNumber.number, '会社番号');
    companyNumbers.add(companyNumber.number);
    if (companyNumber.label.length > 64) problems.push(`番号 ${companyNumber.number} のラベルは64文字までです`);
    const members = new Set<string>();
    for (const key of companyNumber.ringSet) {
      if (!keys.has(key)) problems.push(`番号 ${companyNumber.number} の鳴り分けに存在しないID ${key} があります`);
      if (members.has(key)) problems.push(`番号 ${companyNumber.number} の鳴り分けで ID ${key} が重複しています`);
      members.add(key);
    }
  }

  for (const id of plan.ids) {
    const allowed = id.defaultCallerNumber === id.directNumber || companyNumbers.has(id.defaultCallerNumber);
    if (!allowed) problems.push(`ID ${id.key} の発信番号 ${id.defaultCallerNumber} はこの契約の番号ではありません`);
  }

  return problems.length === 0 ? ok(undefined) : fail('invalid-argument', problems.join('。'));
}
