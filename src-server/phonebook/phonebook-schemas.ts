import { z } from 'zod';

/**
 * The shapes of the phonebook API's input. zod checks shape and types only (with generous
 * caps so nothing huge is processed); the rules with their Japanese reasons are in
 * phonebook-entry.ts, shared with the CSV import.
 */
const text = z.string().max(2000);
const typedNumber = z.object({ label: text.optional().default(''), number: z.string().max(64) }).strict();

export const newEntrySchema = z
  .object({
    name: text,
    reading: text.optional().default(''),
    company: text.optional().default(''),
    department: text.optional().default(''),
    notes: text.optional().default(''),
    numbers: z.array(typedNumber).max(10),
  })
  .strict();

export const entryPatchSchema = z
  .object({
    name: text.optional(),
    reading: text.optional(),
    company: text.optional(),
    department: text.optional(),
    notes: text.optional(),
    numbers: z.array(typedNumber).max(10).optional(),
  })
  .strict();

const count = (max: number, fallback: number) => z.coerce.number().int().min(0).max(max).default(fallback);

export const listQuerySchema = z.object({
  q: z.string().max(100).default(''),
  offset: count(1_000_000, 0),
  limit: count(200, 50).pipe(z.number().min(1)),
});

export const softphoneSearchQuerySchema = z.object({
  q: z.string().max(100).default(''),
  limit: count(100, 20).pipe(z.number().min(1)),
});

export const changesQuerySchema = z.object({
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: count(1_000, 500).pipe(z.number().min(1)),
});

export const importQuerySchema = z.object({ mode: z.enum(['append', 'replace']).default('append') });
export const exportQuerySchema = z.object({ encoding: z.enum(['utf8', 'sjis']).default('utf8') });

/** The query string as a plain object; a parameter given twice keeps its first value. */
export function queryObject(query: URLSearchParams): Record<string, string> {
  const object: Record<string, string> = {};
  for (const [key, value] of query) if (!(key in object)) object[key] = value;
  return object;
}
