import { formatJapaneseNumber } from '../../src-shared/domain/phone-number.js';
import type { CompanyNumberKind, DeviceKind, IdKind } from './tenant-plan.js';

/**
 * The contract rules of DESIGN.md §2 as the customer page changes a tenant one step at a time.
 * Pure functions over a snapshot of the tenant: the writer reads the snapshot inside its write
 * transaction, asks these functions, and writes only when they find nothing wrong. Every
 * violation names its rule (`rule-…` code, Japanese message) so the page can show it as is.
 */
export type RuleCode =
  | 'rule-contract-number'
  | 'rule-basic-id'
  | 'rule-additional-number-limit'
  | 'rule-caller-number'
  | 'rule-ring-set-tenant'
  | 'rule-device-kind'
  | 'rule-softphone-option'
  | 'rule-extension-format'
  | 'rule-extension-unique'
  | 'rule-number-format'
  | 'rule-number-in-use'
  | 'rule-number-block-full'
  | 'rule-password-length'
  | 'rule-display-name'
  | 'rule-label';

export interface RuleViolation {
  code: RuleCode;
  message: string;
}

export interface AdminIdState {
  idId: number;
  kind: IdKind;
  deviceKind: DeviceKind;
  directNumber: string;
  extension: string;
  defaultCallerNumber: string;
  softphoneOption: boolean;
}

export interface AdminNumberState {
  numberId: number;
  number: string;
  kind: CompanyNumberKind;
}

/** One tenant's IDs and company numbers, as the rules need them. */
export interface AdminTenantState {
  ids: readonly AdminIdState[];
  numbers: readonly AdminNumberState[];
}

export const MAX_ADDITIONAL_NUMBERS = 2;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
export const DEVICE_KINDS: readonly DeviceKind[] = ['softphone', 'ipPhone', 'adapter', 'smartphoneApp'];
export const DEVICE_KIND_LABELS: Readonly<Record<DeviceKind, string>> = {
  softphone: 'ソフトフォン',
  ipPhone: 'IP電話機',
  adapter: 'アダプタ',
  smartphoneApp: 'スマホアプリ',
};

const NATIONAL_NUMBER = /^0\d{9,10}$/;
const EXTENSION = /^[1-9]\d{1,5}$/;

export const RULE_MESSAGES = {
  contractNumber: '契約番号は1つの契約にちょうど1つ必要です（契約番号は削除できません）',
  basicId: '基本IDは1つの契約にちょうど1つ必要です（基本IDは削除できません）',
  additionalNumberLimit: `追加番号は${MAX_ADDITIONAL_NUMBERS}つまで、かつ追加IDの数までです`,
  callerNumber: '発信外線番号は、この契約の番号かこのIDの直通番号から選んでください',
  ringSetTenant: '鳴り分けには、この契約のIDだけを指定できます',
  deviceKind: `端末の種類は${DEVICE_KINDS.map((kind) => DEVICE_KIND_LABELS[kind]).join('・')}のいずれかにしてください`,
  softphoneOption: '端末がソフトフォンのIDはソフトフォンオプションが必要です',
  softphoneLogin: 'このIDはソフトフォンオプションが無効なため、ソフトフォンでログインできません',
  extensionFormat: '内線番号は2〜6桁の数字（先頭は1〜9）にしてください',
  passwordLength: `パスワードは${MIN_PASSWORD_LENGTH}〜${MAX_PASSWORD_LENGTH}文字にしてください`,
  displayName: '表示名は1〜64文字にしてください',
  label: 'ラベルは64文字までにしてください',
  numberFormat: '番号は0から始まる10〜11桁の数字にしてください',
} as const;

const violation = (code: RuleCode, message: string): RuleViolation => ({ code, message });

/** チャネル数 = ID数: every ID is one concurrent outside call. */
export function channelsOf(state: AdminTenantState): number {
  return state.ids.length;
}

/** Exactly one 契約番号 among the tenant's numbers. */
export function checkContractNumber(numbers: readonly Pick<AdminNumberState, 'kind'>[]): RuleViolation | undefined {
  const contracts = numbers.filter((number) => number.kind === 'contract').length;
  return contracts === 1 ? undefined : violation('rule-contract-number', RULE_MESSAGES.contractNumber);
}

/** 追加番号 ≤ 2 and ≤ the number of 追加IDs. */
export function checkAdditionalNumberLimit(state: AdminTenantState): RuleViolation | undefined {
  const additionalNumbers = state.numbers.filter((number) => number.kind === 'additional').length;
  const additionalIds = state.ids.filter((id) => id.kind === 'additional').length;
  return additionalNumbers <= MAX_ADDITIONAL_NUMBERS && additionalNumbers <= additionalIds
    ? undefined
    : violation('rule-additional-number-limit', RULE_MESSAGES.additionalNumberLimit);
}

/** Whether one more 追加番号 fits. */
export function checkAddNumber(state: AdminTenantState, number: string): RuleViolation | undefined {
  return (
    checkNumberFormat(number) ??
    checkAdditionalNumberLimit({
      ...state,
      numbers: [...state.numbers, { numberId: -1, number, kind: 'additional' }],
    })
  );
}

/** Only 追加番号 can be removed; the 契約番号 stays. */
export function checkRemoveNumber(state: AdminTenantState, numberId: number): RuleViolation | undefined {
  return checkContractNumber(state.numbers.filter((number) => number.numberId !== numberId));
}

/** Only 追加IDs can be removed, and not when the 追加番号 would outnumber the 追加IDs left. */
export function checkRemoveId(state: AdminTenantState, idId: number): RuleViolation | undefined {
  const target = state.ids.find((id) => id.idId === idId);
  if (target?.kind === 'basic') return violation('rule-basic-id', RULE_MESSAGES.basicId);
  return checkAdditionalNumberLimit({ ...state, ids: state.ids.filter((id) => id.idId !== idId) });
}

/** The numbers an ID may show when calling out: the tenant's company numbers and its own direct number. */
export function callerNumbersFor(state: AdminTenantState, idId: number): string[] {
  const own = state.ids.find((id) => id.idId === idId);
  return [...state.numbers.map((number) => number.number), ...(own ? [own.directNumber] : [])];
}

export function checkCallerNumber(state: AdminTenantState, idId: number, callerNumber: string): RuleViolation | undefined {
  return callerNumbersFor(state, idId).includes(callerNumber) ? undefined : violation('rule-caller-number', RULE_MESSAGES.callerNumber);
}

/** A ring set holds IDs of this tenant only (another tenant's ID is as unknown as a made-up one). */
export function checkRingSet(state: AdminTenantState, idIds: readonly number[]): RuleViolation | undefined {
  const own = new Set(state.ids.map((id) => id.idId));
  return idIds.every((idId) => own.has(idId)) ? undefined : violation('rule-ring-set-tenant', RULE_MESSAGES.ringSetTenant);
}

export function checkDeviceKind(deviceKind: string): RuleViolation | undefined {
  return (DEVICE_KINDS as readonly string[]).includes(deviceKind) ? undefined : violation('rule-device-kind', RULE_MESSAGES.deviceKind);
}

/** An ID whose terminal is the softphone needs the softphone option (it is what the option pays for). */
export function checkSoftphoneOption(deviceKind: DeviceKind, softphoneOption: boolean): RuleViolation | undefined {
  return deviceKind === 'softphone' && !softphoneOption ? violation('rule-softphone-option', RULE_MESSAGES.softphoneOption) : undefined;
}

/** A softphone may log in as an ID only while that ID has the softphone option. */
export function checkSoftphoneLogin(id: Pick<AdminIdState, 'softphoneOption'>): RuleViolation | undefined {
  return id.softphoneOption ? undefined : violation('rule-softphone-option', RULE_MESSAGES.softphoneLogin);
}

/** 2–6 digits, not starting with 0, and no other ID of the tenant has it. */
export function checkExtension(state: AdminTenantState, extension: string, exceptIdId?: number): RuleViolation | undefined {
  if (!EXTENSION.test(extension)) return violation('rule-extension-format', RULE_MESSAGES.extensionFormat);
  const taken = state.ids.some((id) => id.idId !== exceptIdId && id.extension === extension);
  return taken ? violation('rule-extension-unique', `内線番号 ${extension} は、この契約の別のIDが使っています（内線番号は契約内で重複できません）`) : undefined;
}

export function checkNumberFormat(number: string): RuleViolation | undefined {
  return NATIONAL_NUMBER.test(number) ? undefined : violation('rule-number-format', RULE_MESSAGES.numberFormat);
}

/** A number (company or direct) belongs to one place on the whole server. */
export function numberInUse(number: string): RuleViolation {
  return violation('rule-number-in-use', `番号 ${formatJapaneseNumber(number)} は既に使われています（番号はサーバー全体で重複できません）`);
}

export function checkPassword(password: string): RuleViolation | undefined {
  const length = [...password].length;
  return length >= MIN_PASSWORD_LENGTH && length <= MAX_PASSWORD_LENGTH ? undefined : violation('rule-password-length', RULE_MESSAGES.passwordLength);
}

export function checkDisplayName(displayName: string): RuleViolation | undefined {
  const length = [...displayName.trim()].length;
  return length >= 1 && length <= 64 ? undefined : violation('rule-display-name', RULE_MESSAGES.displayName);
}

export function checkLabel(label: string): RuleViolation | undefined {
  return [...label].length <= 64 ? undefined : violation('rule-label', RULE_MESSAGES.label);
}

/**
 * The tenant's block of 050 numbers for new IDs: the first 7 digits of its 基本ID's direct
 * number (050-3000-0001 → 050-3000-xxxx). Undefined when the 基本ID has no 050 number.
 */
export function numberBlockOf(state: AdminTenantState): string | undefined {
  const basic = state.ids.find((id) => id.kind === 'basic');
  return basic && /^050\d{8}$/.test(basic.directNumber) ? basic.directNumber.slice(0, 7) : undefined;
}

/**
 * The next free number of the block after the 基本ID's own, skipping every number used anywhere
 * on the server (`used`); a violation when the block is exhausted or there is none.
 */
export function nextFreeDirectNumber(state: AdminTenantState, used: ReadonlySet<string>): { number: string } | RuleViolation {
  const block = numberBlockOf(state);
  const basic = state.ids.find((id) => id.kind === 'basic');
  if (block && basic) {
    const start = Number(basic.directNumber.slice(7));
    for (let n = start + 1; n <= 9999; n += 1) {
      const candidate = `${block}${String(n).padStart(4, '0')}`;
      if (!used.has(candidate)) return { number: candidate };
    }
  }
  return violation('rule-number-block-full', 'この契約の050番号の枠に空きがありません。直通番号を指定してください');
}
