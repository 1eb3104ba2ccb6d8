import { describe, expect, it } from 'vitest';
import { foldKana, hiraganaToKatakana, katakanaToHiragana } from './kana-fold.js';

describe('foldKana', () => {
  it.each([
    ['full-width katakana', 'ヤマダタロウ'],
    ['hiragana', 'やまだたろう'],
    ['half-width katakana with a separate voiced mark', 'ﾔﾏﾀﾞﾀﾛｳ'],
    ['spaces (ASCII and full-width) between family and given name', 'ヤマダ　タロウ'],
    ['a middle dot', 'ヤマダ・タロウ'],
    ['a half-width middle dot and space', 'ﾔﾏﾀﾞ･ ﾀﾛｳ'],
  ])('folds %s to the same hiragana', (_case, input) => {
    expect(foldKana(input)).toBe('やまだたろう');
  });

  it('joins half-width semi-voiced marks and keeps the long vowel mark', () => {
    expect(foldKana('ﾊﾟｰｸ')).toBe('ぱーく');
    expect(foldKana('パーク')).toBe('ぱーく');
  });

  it('folds full-width letters and digits to lower-case ASCII', () => {
    expect(foldKana('ＮＴＴデータ')).toBe('nttでーた');
    expect(foldKana('ABC商事')).toBe('abc商事');
    expect(foldKana('０３')).toBe('03');
  });

  it('keeps kanji and small kana as they are', () => {
    expect(foldKana('株式会社山田商店')).toBe('株式会社山田商店');
    expect(foldKana('キャッシュ')).toBe('きゃっしゅ');
  });

  it('is idempotent and leaves the empty string empty', () => {
    for (const input of ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ＮＴＴデータ', '']) expect(foldKana(foldKana(input))).toBe(foldKana(input));
    expect(foldKana('  ')).toBe('');
  });

  it('maps ヴ and ヵヶ, and leaves ヷ which has no hiragana', () => {
    expect(katakanaToHiragana('ヴヵヶヷ')).toBe('ゔゕゖヷ');
    expect(hiraganaToKatakana('ゔぁいおりん')).toBe('ヴァイオリン');
    expect(hiraganaToKatakana('abc漢字ー')).toBe('abc漢字ー');
  });
});
