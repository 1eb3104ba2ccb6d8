import type { PhonebookEntry } from './phonebook-entry.js';
import { GramPostings } from './gram-postings.js';
import {
  compareSortKeys,
  foldEntry,
  MatchRank,
  numberRank,
  parseSearchQuery,
  textRank,
  WORST_RANK,
  type FoldedEntry,
  type SearchableEntry,
  type SearchQuery,
} from './search-ranking.js';

export interface SearchPage<E extends SearchableEntry = PhonebookEntry> {
  /** how many entries match in all */
  total: number;
  entries: E[];
}

interface Slot<E extends SearchableEntry> {
  entry: E;
  folded: FoldedEntry;
}

/** One searchable part of an entry (names, companies or numbers) and its postings. */
interface Source {
  texts(folded: FoldedEntry): readonly string[];
  /** what of the query this source matches: the digits (numbers) or the folded text */
  queryText(query: SearchQuery): string | undefined;
  /** the rank of one entry's texts, checked one by one (queries longer than any gram) */
  verify(texts: readonly string[], text: string): number;
  anywhere: GramPostings;
  leading: GramPostings;
  /** numbers only: equal texts */
  whole?: GramPostings;
  prefixRank: number;
  containsRank: number;
}

/** Matches up to this many are ordered by sorting them; more by one walk in reading order. */
const SORT_THRESHOLD = 4_000;
/** Deleted slots are compacted away once they outnumber live ones (and are this many). */
const COMPACT_AFTER = 10_000;

function createSources(): Source[] {
  return [
    {
      texts: (folded) => folded.digits,
      queryText: (query) => query.digits,
      verify: numberRank,
      anywhere: new GramPostings([1, 2, 3]),
      leading: new GramPostings([1, 2, 3], 'leading'),
      whole: new GramPostings([], 'whole'),
      prefixRank: MatchRank.numberPrefix,
      containsRank: MatchRank.numberContains,
    },
    {
      texts: (folded) => folded.names,
      queryText: (query) => query.text,
      verify: (texts, text) => textRank(texts, text, MatchRank.namePrefix, MatchRank.nameContains),
      anywhere: new GramPostings([1, 2, 3, 4]),
      leading: new GramPostings([1, 2, 3, 4], 'leading'),
      prefixRank: MatchRank.namePrefix,
      containsRank: MatchRank.nameContains,
    },
    {
      texts: (folded) => folded.organisations,
      queryText: (query) => query.text,
      verify: (texts, text) => textRank(texts, text, MatchRank.companyPrefix, MatchRank.companyContains),
      anywhere: new GramPostings([1, 2, 3, 4]),
      leading: new GramPostings([1, 2, 3, 4], 'leading'),
      prefixRank: MatchRank.companyPrefix,
      containsRank: MatchRank.companyContains,
    },
  ];
}

/**
 * One tenant's phonebook in memory, for search as the user types (DESIGN.md §6: 100,000
 * entries, p95 < 10 ms). Entries are folded once (search-ranking.ts). For names+readings,
 * companies+departments and number digits there are posting maps of every gram of 1–4
 * characters (1–3 digits), every leading gram of those lengths, and (digits) the whole number.
 * 4-grams make "株式会社", which every other company has, one exact list instead of 100,000
 * checks; longer queries narrow through their rarest 4-gram. A query as short as
 * a gram (the first keystrokes, which match the most) is ranked from lists alone, without
 * touching a string: leading list = prefix rank, gram list = contains rank. A longer query
 * verifies only the entries of its rarest gram. Ranks are exactly the plain scan's
 * (search-ranking.ts); entries also sit in one list in reading order, so a page of a large
 * result needs no sort of the whole result.
 *
 * The owner keeps it consistent: it applies each committed write (upsert/remove) right after
 * the SQLite transaction, in the same turn of the event loop, so no search sees a half state.
 */
export class PhonebookSearchIndex<E extends SearchableEntry = PhonebookEntry> {
  private slots: (Slot<E> | undefined)[] = [];
  private readonly slotOfId = new Map<number, number>();
  /** live slots ordered by (sortKey, id) */
  private order: number[] = [];
  /** slot → index in `order`; rebuilt on the first search after a write */
  private position: Int32Array | undefined;
  private sources = createSources();
  /** per-search scratch, valid where stamp[slot] is the search's generation: the slot's best rank */
  private stamp = new Uint32Array(0);
  private best = new Uint8Array(0);
  private touched = new Int32Array(0);
  private generation = 0;

  constructor(entries: Iterable<E> = []) {
    this.load([...entries]);
  }

  get size(): number {
    return this.slotOfId.size;
  }

  get(entryId: number): E | undefined {
    const slot = this.slotOfId.get(entryId);
    return slot === undefined ? undefined : this.slots[slot]?.entry;
  }

  /** Every entry in reading order. */
  entries(): E[] {
    return this.order.map((slot) => this.slots[slot]!.entry);
  }

  upsert(entry: E): void {
    const existing = this.slotOfId.get(entry.id);
    if (existing !== undefined) this.unlink(existing);
    const slot = existing ?? this.slots.length;
    const folded = foldEntry(entry);
    this.slots[slot] = { entry, folded };
    this.slotOfId.set(entry.id, slot);
    this.link(slot, folded);
    this.order.splice(this.orderIndexOf(folded.sortKey, entry.id), 0, slot);
    this.position = undefined;
  }

  remove(entryId: number): void {
    const slot = this.slotOfId.get(entryId);
    if (slot === undefined) return;
    this.unlink(slot);
    this.slots[slot] = undefined;
    this.slotOfId.delete(entryId);
    const dead = this.slots.length - this.slotOfId.size;
    if (dead >= COMPACT_AFTER && dead > this.slotOfId.size) this.load(this.liveEntries());
  }

  /** A page of the entries matching `query`, best rank first; an empty query lists everything. */
  search(query: string, offset: number, limit: number): SearchPage<E> {
    const parsed = parseSearchQuery(query);
    if (!parsed) {
      return { total: this.order.length, entries: this.order.slice(offset, offset + limit).map((slot) => this.slots[slot]!.entry) };
    }
    const total = this.rankMatches(parsed);
    const page = this.firstMatches(total, offset + limit).slice(offset);
    return { total, entries: page.map((slot) => this.slots[slot]!.entry) };
  }

  /**
   * Stamps every matching slot with its best rank (scratch arrays); returns how many match.
   * Each source can only give its own ranks, so a slot's best is the minimum over the sources.
   */
  private rankMatches(query: SearchQuery): number {
    const generation = this.nextGeneration();
    const { stamp, best, touched } = this;
    let count = 0;
    const visit = (slot: number, rank: number): void => {
      if (stamp[slot] !== generation) {
        stamp[slot] = generation;
        best[slot] = rank;
        touched[count++] = slot;
      } else if (rank < best[slot]!) best[slot] = rank;
    };
    const visitAll = (slots: readonly number[], rank: number): void => {
      for (const slot of slots) visit(slot, rank);
    };
    for (const source of this.sources) {
      const text = source.queryText(query);
      if (text === undefined || text === '') continue;
      if (source.whole) visitAll(source.whole.exactly(text), MatchRank.numberExact);
      if (text.length <= source.anywhere.maxSize) {
        visitAll(source.leading.exactly(text), source.prefixRank);
        visitAll(source.anywhere.exactly(text), source.containsRank);
        continue;
      }
      for (const slot of source.anywhere.candidates(text) ?? []) {
        const rank = source.verify(source.texts(this.slots[slot]!.folded), text);
        if (rank !== 0) visit(slot, rank);
      }
    }
    return count;
  }

  /** The first `needed` matches: rank by rank, each rank in reading order. */
  private firstMatches(count: number, needed: number): number[] {
    const { best, touched } = this;
    if (count <= SORT_THRESHOLD) {
      const position = this.positions();
      // rank in the high bits, reading order in the low ones: one numeric sort orders both
      const keys = new Float64Array(count);
      for (let i = 0; i < count; i += 1) keys[i] = best[touched[i]!]! * 2 ** 32 + position[touched[i]!]!;
      keys.sort();
      const page: number[] = [];
      for (let i = 0; i < count && i < needed; i += 1) page.push(this.order[keys[i]! % 2 ** 32]!);
      return page;
    }
    // Many matches: one walk in reading order, keeping the first `needed` of each rank. Once
    // the best rank present has filled the page, nothing later in reading order can enter it.
    const { stamp, generation } = this;
    let bestRank: number = WORST_RANK;
    for (let i = 0; i < count; i += 1) bestRank = Math.min(bestRank, best[touched[i]!]!);
    const buckets: number[][] = Array.from({ length: WORST_RANK + 1 }, () => []);
    for (const slot of this.order) {
      if (stamp[slot] !== generation) continue;
      const bucket = buckets[best[slot]!]!;
      if (bucket.length < needed) bucket.push(slot);
      if (buckets[bestRank]!.length >= needed) break;
    }
    return buckets.flat().slice(0, needed);
  }

  private load(entries: E[]): void {
    this.slots = [];
    this.slotOfId.clear();
    this.sources = createSources();
    entries.forEach((entry, slot) => {
      const folded = foldEntry(entry);
      this.slots.push({ entry, folded });
      this.slotOfId.set(entry.id, slot);
      this.link(slot, folded);
    });
    this.order = entries.map((_entry, slot) => slot).sort((a, b) => this.compareSlots(a, b));
    this.position = undefined;
  }

  private liveEntries(): E[] {
    return this.slots.flatMap((slot) => (slot ? [slot.entry] : []));
  }

  private link(slot: number, folded: FoldedEntry): void {
    for (const source of this.sources) {
      const texts = source.texts(folded);
      source.anywhere.add(slot, texts);
      source.leading.add(slot, texts);
      source.whole?.add(slot, texts);
    }
  }

  /** Takes a slot out of the postings and the order (its data stays until overwritten). */
  private unlink(slot: number): void {
    const { entry, folded } = this.slots[slot]!;
    for (const source of this.sources) {
      const texts = source.texts(folded);
      source.anywhere.remove(slot, texts);
      source.leading.remove(slot, texts);
      source.whole?.remove(slot, texts);
    }
    const at = this.orderIndexOf(folded.sortKey, entry.id);
    if (this.order[at] === slot) this.order.splice(at, 1);
    this.position = undefined;
  }

  /** Where (sortKey, id) is or would be in `order` (binary search). */
  private orderIndexOf(sortKey: string, id: number): number {
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.slots[this.order[mid]!]!;
      if (compareSortKeys({ sortKey: other.folded.sortKey, id: other.entry.id }, { sortKey, id }) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private compareSlots(a: number, b: number): number {
    const x = this.slots[a]!;
    const y = this.slots[b]!;
    return compareSortKeys({ sortKey: x.folded.sortKey, id: x.entry.id }, { sortKey: y.folded.sortKey, id: y.entry.id });
  }

  private positions(): Int32Array {
    if (this.position?.length !== this.slots.length) this.position = undefined;
    if (!this.position) {
      const position = new Int32Array(this.slots.length);
      this.order.forEach((slot, index) => (position[slot] = index));
      this.position = position;
    }
    return this.position;
  }

  private nextGeneration(): number {
    if (this.stamp.length < this.slots.length) {
      const size = Math.max(this.slots.length, this.stamp.length * 2);
      this.stamp = new Uint32Array(size);
      this.best = new Uint8Array(size);
      this.touched = new Int32Array(size);
    }
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }
}
