/**
 * Calendar months in Japan time (JST, UTC+9, no daylight saving): the call log and its totals
 * are per month as the customer's invoice counts them, not per UTC month.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface MonthRange {
  /** YYYY-MM */
  month: string;
  /** epoch ms, inclusive */
  startMs: number;
  /** epoch ms, exclusive */
  endMs: number;
}

/** `2026-04` → [2026-04-01T00:00+09:00, 2026-05-01T00:00+09:00); undefined if not YYYY-MM. */
export function monthRange(month: string): MonthRange | undefined {
  const match = MONTH_PATTERN.exec(month);
  if (!match) return undefined;
  const year = Number(match[1]);
  const monthIndex = Number(match[2]) - 1;
  return {
    month,
    startMs: Date.UTC(year, monthIndex, 1) - JST_OFFSET_MS,
    endMs: Date.UTC(year, monthIndex + 1, 1) - JST_OFFSET_MS,
  };
}

/** The JST month (YYYY-MM) that contains `epochMs`. */
export function monthOf(epochMs: number): string {
  const jst = new Date(epochMs + JST_OFFSET_MS);
  return `${jst.getUTCFullYear()}-${String(jst.getUTCMonth() + 1).padStart(2, '0')}`;
}
