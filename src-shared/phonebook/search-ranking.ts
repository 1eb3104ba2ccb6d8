import { foldKana } from '../domain/kana-fold.js';
import { toNationalDigits } from '../domain/phone-number.js';
import type { PhonebookEntryFields } from './phonebook-entry.js';

/**
 * What a search matches and how results rank: the one definition both the index and the plain
 * scan (the bench's baseline and the tests' oracle) use, so they can only differ in speed.
 *
 * Rank, best first: the number exactly; a number starting with the digits; name or reading
 * starting with the text; company or department starting with it; a number containing the
 * digits; name or reading containing the text; company or department containing it. Within a
 * rank: by reading (gojūon order of the folded reading, else the folded name), then by id.
 */
export const MatchRank = {
  numberExact: 1,
  numberPrefix: 2,
  namePrefix: 3,
  companyPrefix: 4,
  numberContains: 5,
  nameContains: 6,
  companyContains: 7,
} as const;
export const WORST_RANK = MatchRank.companyContains;

/** What the index and the scan need of an entry: its fields and an id unique within the index. */
export type SearchableEntry = PhonebookEntryFields & { id: number };

/** An entry's searchable forms, folded once. */
export interface FoldedEntry {
  /** folded name and reading */
  names: readonly string[];
  /** folded company and department */
  organisations: readonly string[];
  /** each number's digits */
  digits: readonly string[];
  /** the order within a rank */
  sortKey: string;
}

export interface SearchQuery {
  /** the folded text; empty = no text to match */
  text: string;
  /** the digits when the query looks like a phone number (digits, hyphens, brackets, +81) */
  digits: string | undefined;
}

export function foldEntry(entry: PhonebookEntryFields): FoldedEntry {
  const name = foldKana(entry.name);
  const reading = foldKana(entry.reading);
  return {
    names: reading === '' ? [name] : [name, reading],
    organisations: [foldKana(entry.company), foldKana(entry.department)].filter((text) => text !== ''),
    digits: entry.numbers.map((number) => number.digits),
    sortKey: reading === '' ? name : reading,
  };
}

/** Undefined for a query with nothing to search for (list everything). */
export function parseSearchQuery(input: string): SearchQuery | undefined {
  const text = foldKana(input);
  if (text === '') return undefined;
  const numberLike = /^\+?[0-9()]+$/.test(text);
  return { text, digits: numberLike ? toNationalDigits(text) : undefined };
}

/** The entry's best rank for the query, or 0 when it does not match. */
export function rankOf(entry: FoldedEntry, query: SearchQuery): number {
  const ranks = [
    query.digits ? numberRank(entry.digits, query.digits) : 0,
    textRank(entry.names, query.text, MatchRank.namePrefix, MatchRank.nameContains),
    textRank(entry.organisations, query.text, MatchRank.companyPrefix, MatchRank.companyContains),
  ].filter((rank) => rank !== 0);
  return ranks.length === 0 ? 0 : Math.min(...ranks);
}

/** numberExact, numberPrefix, numberContains or 0, for the entry's numbers against query digits. */
export function numberRank(numbers: readonly string[], digits: string): number {
  let best = 0;
  for (const number of numbers) {
    if (number === digits) return MatchRank.numberExact;
    const rank = number.startsWith(digits) ? MatchRank.numberPrefix : number.includes(digits) ? MatchRank.numberContains : 0;
    if (rank !== 0 && (best === 0 || rank < best)) best = rank;
  }
  return best;
}

/** `prefix`, `contains` or 0, for texts (already folded) against the folded query. */
export function textRank(texts: readonly string[], text: string, prefix: number, contains: number): number {
  let best = 0;
  for (const candidate of texts) {
    if (candidate.startsWith(text)) return prefix;
    if (best === 0 && candidate.includes(text)) best = contains;
  }
  return best;
}

/** Order within a rank. */
export function compareSortKeys(a: { sortKey: string; id: number }, b: { sortKey: string; id: number }): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return a.id - b.id;
}
