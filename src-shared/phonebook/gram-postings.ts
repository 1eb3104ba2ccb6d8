/**
 * Which grams of a text are kept: every substring of the sizes (`anywhere`), only its leading
 * ones (`leading`: "starts with"), or the whole text (`whole`: "equals").
 */
export type GramMode = 'anywhere' | 'leading' | 'whole';

/**
 * An n-gram inverted index: for each gram, the ascending list of slots whose texts have it.
 * A query as long as a kept gram size is answered by one list, exactly; a longer one by
 * verifying only the slots of its rarest gram instead of every entry.
 */
export class GramPostings {
  private readonly lists = new Map<string, number[]>();
  private readonly sizes: readonly number[];

  /** `sizes`: the gram lengths kept, e.g. [1, 2] (ignored for `whole`) */
  constructor(
    sizes: readonly number[],
    private readonly mode: GramMode = 'anywhere',
  ) {
    this.sizes = [...sizes].sort((a, b) => a - b);
  }

  /** The longest gram kept (a query up to this long has an exact list). */
  get maxSize(): number {
    return this.sizes.at(-1) ?? 0;
  }

  /** The slots having exactly this gram (empty when none). */
  exactly(gram: string): readonly number[] {
    return this.lists.get(gram) ?? [];
  }

  add(slot: number, texts: readonly string[]): void {
    for (const gram of this.gramsOf(texts)) {
      const list = this.lists.get(gram);
      if (!list) this.lists.set(gram, [slot]);
      else if (list[list.length - 1]! < slot) list.push(slot);
      else {
        const at = lowerBound(list, slot);
        if (list[at] !== slot) list.splice(at, 0, slot);
      }
    }
  }

  remove(slot: number, texts: readonly string[]): void {
    for (const gram of this.gramsOf(texts)) {
      const list = this.lists.get(gram);
      if (!list) continue;
      const at = lowerBound(list, slot);
      if (list[at] !== slot) continue;
      list.splice(at, 1);
      if (list.length === 0) this.lists.delete(gram);
    }
  }

  /**
   * The slots that may contain `query` (a superset, to be verified), or undefined when the
   * query is too short for any gram and every slot is a candidate.
   */
  candidates(query: string): readonly number[] | undefined {
    const size = this.sizes.filter((n) => n <= query.length).at(-1);
    if (size === undefined) return undefined;
    let best: readonly number[] | undefined;
    for (let i = 0; i + size <= query.length; i += 1) {
      const list = this.lists.get(query.slice(i, i + size));
      if (!list) return [];
      if (!best || list.length < best.length) best = list;
    }
    return best ?? [];
  }

  private gramsOf(texts: readonly string[]): Set<string> {
    const grams = new Set<string>();
    for (const text of texts) {
      if (this.mode === 'whole') {
        grams.add(text);
        continue;
      }
      for (const size of this.sizes) {
        if (this.mode === 'leading') {
          if (size <= text.length) grams.add(text.slice(0, size));
          continue;
        }
        for (let i = 0; i + size <= text.length; i += 1) grams.add(text.slice(i, i + size));
      }
    }
    return grams;
  }
}

/** The first index whose value is ≥ `value` in an ascending list. */
export function lowerBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
