import { foldWidth, toNationalDigits } from '../domain/phone-number.js';

/**
 * One entry of a tenant's Web電話帳 and the rules every write obeys, whether it comes from the
 * customer page form or from a CSV row. Reasons are Japanese, shown to the user as is.
 */
export interface PhonebookNumber {
  /** 種別, free text: 会社, 携帯, 自宅, FAX, … (may be empty) */
  label: string;
  /** national digits, e.g. 0355550100; shown with hyphens by formatJapaneseNumber */
  digits: string;
}

export interface PhonebookEntryFields {
  name: string;
  /** フリガナ as entered (any kana width); searched folded */
  reading: string;
  company: string;
  department: string;
  numbers: readonly PhonebookNumber[];
  notes: string;
}

export interface PhonebookEntry extends PhonebookEntryFields {
  id: number;
  /** the tenant's change version of this entry's latest insert or update */
  version: number;
  createdAt: number;
  updatedAt: number;
}

export const PHONEBOOK_LIMITS = {
  name: 100,
  reading: 100,
  company: 100,
  department: 100,
  notes: 1000,
  label: 20,
  /** the CSV has three number columns; the form offers the same */
  numbers: 3,
  minDigits: 2,
  maxDigits: 20,
  /** per tenant; the bench's 100,000 fit */
  entriesPerTenant: 100_000,
} as const;

export type EntryField = 'name' | 'reading' | 'company' | 'department' | 'notes' | 'numbers';

/** Where a problem is: a field, or a number's digits/label by its index (0-based). */
export type ProblemPlace = { field: EntryField } | { field: 'number' | 'label'; index: number };

export interface EntryProblem {
  place: ProblemPlace;
  reason: string;
}

/** What a form or CSV row says before checking: numbers as typed (hyphens, full width, +81). */
export interface EntryDraft {
  name: string;
  reading: string;
  company: string;
  department: string;
  notes: string;
  numbers: readonly { label: string; number: string }[];
}

export type CheckedEntry = { ok: true; value: PhonebookEntryFields } | { ok: false; problems: EntryProblem[] };

const NUMBER_CHARACTERS = /^\+?[0-9()\s-]+$/;

/** Trims, checks every rule and turns typed numbers into digits; all problems at once. */
export function checkEntryDraft(draft: EntryDraft): CheckedEntry {
  const problems: EntryProblem[] = [];
  const text = (field: Exclude<EntryField, 'numbers'>, label: string, value: string, required = false): string => {
    const trimmed = value.trim();
    if (required && trimmed === '') problems.push({ place: { field }, reason: `${label}を入力してください` });
    else if ([...trimmed].length > PHONEBOOK_LIMITS[field]) {
      problems.push({ place: { field }, reason: `${label}は ${PHONEBOOK_LIMITS[field]} 文字以内にしてください` });
    }
    return trimmed;
  };
  const name = text('name', '名前', draft.name, true);
  const reading = text('reading', 'フリガナ', draft.reading);
  const company = text('company', '会社名', draft.company);
  const department = text('department', '部署', draft.department);
  const notes = text('notes', 'メモ', draft.notes);

  const numbers: PhonebookNumber[] = [];
  if (draft.numbers.length > PHONEBOOK_LIMITS.numbers) {
    problems.push({ place: { field: 'numbers' }, reason: `電話番号は ${PHONEBOOK_LIMITS.numbers} つまでです` });
  }
  draft.numbers.slice(0, PHONEBOOK_LIMITS.numbers).forEach((typed, index) => {
    const label = typed.label.trim();
    if ([...label].length > PHONEBOOK_LIMITS.label) {
      problems.push({ place: { field: 'label', index }, reason: `種別は ${PHONEBOOK_LIMITS.label} 文字以内にしてください` });
    }
    const reason = numberProblem(typed.number);
    if (reason) problems.push({ place: { field: 'number', index }, reason });
    else numbers.push({ label, digits: toNationalDigits(typed.number) });
  });
  if (draft.numbers.length === 0) problems.push({ place: { field: 'numbers' }, reason: '電話番号を 1 つ以上入力してください' });

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { name, reading, company, department, numbers, notes } };
}

/** Why a typed phone number cannot be stored, or undefined when it can. */
export function numberProblem(typed: string): string | undefined {
  const folded = foldWidth(typed).replace(/[‐－ー―]/g, '-').trim();
  if (folded === '') return '電話番号を入力してください';
  if (!NUMBER_CHARACTERS.test(folded)) return '電話番号は数字とハイフンで入力してください';
  const digits = toNationalDigits(folded);
  if (digits.length < PHONEBOOK_LIMITS.minDigits || digits.length > PHONEBOOK_LIMITS.maxDigits) {
    return `電話番号は ${PHONEBOOK_LIMITS.minDigits}〜${PHONEBOOK_LIMITS.maxDigits} 桁にしてください`;
  }
  // Excel turns 0312345678 into the number 312345678 when a CSV cell is not text.
  if (!digits.startsWith('0') && (digits.length === 9 || digits.length === 10)) {
    return '先頭の 0 が欠けています（Excel で数値として保存された可能性があります）';
  }
  return undefined;
}
