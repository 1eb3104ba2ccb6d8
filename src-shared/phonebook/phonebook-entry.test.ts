import { describe, expect, it } from 'vitest';
import { checkEntryDraft, numberProblem } from './phonebook-entry.js';

const draft = { name: '山田', reading: '', company: '', department: '', notes: '', numbers: [{ label: '会社', number: '03-1234-5678' }] };

describe('phonebook entry rules', () => {
  it('trims text and stores numbers as national digits', () => {
    const checked = checkEntryDraft({
      ...draft,
      name: ' 山田 太郎 ',
      numbers: [
        { label: ' 携帯 ', number: '０９０ー１２３４ー５６７８' },
        { label: '', number: '+81 3-5555-0100' },
        { label: '内線', number: '201' },
      ],
    });
    expect(checked).toEqual({
      ok: true,
      value: {
        ...draft,
        name: '山田 太郎',
        numbers: [
          { label: '携帯', digits: '09012345678' },
          { label: '', digits: '0355550100' },
          { label: '内線', digits: '201' },
        ],
      },
    });
  });

  it('reports every broken rule at once, with its place', () => {
    const checked = checkEntryDraft({
      name: '',
      reading: 'ア'.repeat(101),
      company: '',
      department: '',
      notes: 'x'.repeat(1001),
      numbers: [{ label: '長すぎる種別の名前はこの位の長さです、本当に', number: '1' }],
    });
    expect(!checked.ok && checked.problems).toEqual([
      { place: { field: 'name' }, reason: '名前を入力してください' },
      { place: { field: 'reading' }, reason: 'フリガナは 100 文字以内にしてください' },
      { place: { field: 'notes' }, reason: 'メモは 1000 文字以内にしてください' },
      { place: { field: 'label', index: 0 }, reason: '種別は 20 文字以内にしてください' },
      { place: { field: 'number', index: 0 }, reason: '電話番号は 2〜20 桁にしてください' },
    ]);
    expect(checkEntryDraft({ ...draft, numbers: [] })).toMatchObject({ ok: false, problems: [{ place: { field: 'numbers' } }] });
    expect(checkEntryDraft({ ...draft, numbers: Array(4).fill(draft.numbers[0]) })).toMatchObject({
      ok: false,
      problems: [{ reason: '電話番号は 3 つまでです' }],
    });
  });

  it('explains numbers it cannot store', () => {
    expect(numberProblem('')).toBe('電話番号を入力してください');
    expect(numberProblem('03-1234-567a')).toBe('電話番号は数字とハイフンで入力してください');
    expect(numberProblem('312345678')).toContain('先頭の 0 が欠けています');
    expect(numberProblem('(03) 1234-5678')).toBeUndefined();
  });
});
