import type { z } from 'zod';
import { errorReply, type ApiReply } from './api-reply.js';

export type Validated<T> = { ok: true; value: T } | { ok: false; reply: ApiReply };

/** Parses untrusted input with `schema`; a failure names the fields that are wrong (400). */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = [...new Set(parsed.error.issues.map((issue) => (issue.path.length > 0 ? issue.path.join('.') : 'リクエスト本文')))];
  return { ok: false, reply: errorReply(400, 'invalid-argument', `入力内容が正しくありません（${fields.join(', ')}）`) };
}
