import type { PhonebookEntry, PhonebookEntryFields } from './phonebook-entry.js';

/**
 * Deterministic Japanese-looking phonebook entries for the bench (100,000 of them) and for the
 * tests that check the index against the plain scan. Same seed, same entries, every run.
 */
const FAMILY: readonly [string, string][] = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'], ['佐々木', 'ササキ'], ['山口', 'ヤマグチ'], ['松本', 'マツモト'],
  ['井上', 'イノウエ'], ['木村', 'キムラ'], ['林', 'ハヤシ'], ['斎藤', 'サイトウ'], ['清水', 'シミズ'],
  ['山崎', 'ヤマザキ'], ['森', 'モリ'], ['池田', 'イケダ'], ['橋本', 'ハシモト'], ['阿部', 'アベ'],
  ['石川', 'イシカワ'], ['山下', 'ヤマシタ'], ['中島', 'ナカジマ'], ['石井', 'イシイ'], ['小川', 'オガワ'],
  ['前田', 'マエダ'], ['岡田', 'オカダ'], ['長谷川', 'ハセガワ'], ['藤田', 'フジタ'], ['後藤', 'ゴトウ'],
  ['近藤', 'コンドウ'], ['村上', 'ムラカミ'], ['遠藤', 'エンドウ'], ['青木', 'アオキ'], ['坂本', 'サカモト'],
];
const GIVEN: readonly [string, string][] = [
  ['太郎', 'タロウ'], ['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['健太', 'ケンタ'], ['翔太', 'ショウタ'],
  ['美咲', 'ミサキ'], ['陽子', 'ヨウコ'], ['大輔', 'ダイスケ'], ['直樹', 'ナオキ'], ['愛', 'アイ'],
  ['結衣', 'ユイ'], ['拓也', 'タクヤ'], ['由美', 'ユミ'], ['誠', 'マコト'], ['恵', 'メグミ'],
  ['浩', 'ヒロシ'], ['明美', 'アケミ'], ['達也', 'タツヤ'], ['彩', 'アヤ'], ['剛', 'ツヨシ'],
  ['真一', 'シンイチ'], ['裕子', 'ユウコ'], ['和也', 'カズヤ'], ['隆', 'タカシ'], ['千尋', 'チヒロ'],
];
const COMPANY_HEADS = ['山田', '東京', '日本', '大阪', 'さくら', 'みらい', '富士', '青空', '北斗', '丸和', '中央', '東洋', '光', '若葉', 'アサヒ', 'ミドリ', '太平洋', '信濃', '九州', '北海'];
const COMPANY_TRADES = ['商店', '物産', '電機', '商事', '建設', '工業', '製作所', '運輸', 'システム', '食品', '不動産', '印刷', '薬品', '精機', 'ソフト'];
const DEPARTMENTS = ['', '営業部', '総務部', '経理部', '開発部', '人事部', '購買部', '品質保証部'];
const AREA_CODES = ['03', '06', '045', '052', '011', '092', '075', '022'];
const MOBILE_PREFIXES = ['090', '080', '070'];

/** mulberry32: a tiny, good-enough deterministic PRNG */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticEntryFields(count: number, seed = 20261125): PhonebookEntryFields[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  return Array.from({ length: count }, () => {
    const [family, familyReading] = pick(FAMILY);
    const [given, givenReading] = pick(GIVEN);
    const trade = pick(COMPANY_TRADES);
    const company = next() < 0.5 ? `株式会社${pick(COMPANY_HEADS)}${trade}` : `${pick(COMPANY_HEADS)}${trade}株式会社`;
    const area = pick(AREA_CODES);
    const numbers = [{ label: '会社', digits: area + digits(10 - area.length) }];
    if (next() < 0.6) numbers.push({ label: '携帯', digits: pick(MOBILE_PREFIXES) + digits(8) });
    return {
      name: `${family} ${given}`,
      reading: `${familyReading} ${givenReading}`,
      company,
      department: pick(DEPARTMENTS),
      numbers,
      notes: '',
    };
  });
}

/** The same entries as stored ones (ids 1…count), for index-only tests and the bench's scan. */
export function syntheticEntries(count: number, seed?: number): PhonebookEntry[] {
  return syntheticEntryFields(count, seed).map((fields, index) => ({ ...fields, id: index + 1, version: index + 1, createdAt: 0, updatedAt: 0 }));
}
