/**
 * Folding Japanese text for search: what a user types (hiragana in an IME, half-width katakana
 * from an old system, full-width letters) must find what is stored (katakana フリガナ, kanji
 * names, company names in any width). Pure, so the server's phonebook index and the softphone's
 * local phonebook fold the same way and rank the same results.
 */

const KATAKANA_FIRST = 0x30a1; // ァ
const KATAKANA_LAST = 0x30f6; // ヶ
const KANA_OFFSET = 0x60; // ァ (U+30A1) − ぁ (U+3041)

/**
 * Spaces and the separators people put inside names and readings ("山田 太郎", "ヤマダ・タロウ");
 * they never decide a match. The long vowel mark ー is kept: it is part of a reading.
 */
const IGNORED = /[\s・･.,，、。·‐‑‒–—―-]/gu;

/** Katakana (full-width) to hiragana; ヷヸヹヺ have no hiragana and stay as they are. */
export function katakanaToHiragana(input: string): string {
  let out = '';
  for (const char of input) {
    const code = char.codePointAt(0)!;
    out += code >= KATAKANA_FIRST && code <= KATAKANA_LAST ? String.fromCodePoint(code - KANA_OFFSET) : char;
  }
  return out;
}

/** Hiragana to full-width katakana (for showing a reading typed in hiragana as フリガナ). */
export function hiraganaToKatakana(input: string): string {
  let out = '';
  for (const char of input) {
    const code = char.codePointAt(0)!;
    const asKatakana = code + KANA_OFFSET;
    out += asKatakana >= KATAKANA_FIRST && asKatakana <= KATAKANA_LAST ? String.fromCodePoint(asKatakana) : char;
  }
  return out;
}

/**
 * The search form of a text: NFKC (half-width katakana → full-width with voiced marks joined,
 * full-width letters and digits → ASCII), katakana → hiragana, lower case, separators dropped.
 * `foldKana('ﾔﾏﾀﾞ ﾀﾛｳ') === foldKana('やまだたろう') === foldKana('ヤマダ・タロウ')`.
 */
export function foldKana(input: string): string {
  return katakanaToHiragana(input.normalize('NFKC')).toLowerCase().replace(IGNORED, '');
}
