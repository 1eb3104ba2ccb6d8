import type { PhonebookEntry } from './phonebook-entry.js';
import type { SearchPage } from './search-index.js';
import { compareSortKeys, foldEntry, parseSearchQuery, rankOf, type FoldedEntry, type SearchableEntry } from './search-ranking.js';

/**
 * Search without an index: fold every entry, test it, sort the matches. The bench's baseline
 * (DESIGN.md §6) and the tests' oracle for the index: same ranking, same page.
 * `folded` may carry the entries already folded (the "pre-folded scan" variant of the bench).
 */
export function linearScanSearch<E extends SearchableEntry = PhonebookEntry>(
  entries: readonly E[],
  query: string,
  offset: number,
  limit: number,
  folded?: readonly FoldedEntry[],
): SearchPage<E> {
  const parsed = parseSearchQuery(query);
  const matches: { rank: number; sortKey: string; id: number; entry: E }[] = [];
  entries.forEach((entry, index) => {
    const forms = folded?.[index] ?? foldEntry(entry);
    const rank = parsed ? rankOf(forms, parsed) : 1;
    if (rank !== 0) matches.push({ rank, sortKey: forms.sortKey, id: entry.id, entry });
  });
  matches.sort((a, b) => a.rank - b.rank || compareSortKeys(a, b));
  return { total: matches.length, entries: matches.slice(offset, offset + limit).map((match) => match.entry) };
}
