/**
 * Removes secrets from log fields. Matching is by key name, recursively, because the values
 * themselves (random tokens, hashes) cannot be recognised reliably.
 */
const SECRET_KEY = /pass(word|wd)?|secret|token|authori[sz]ation|cookie|credential|nonce|digest|^ha1$|^response$|hash/i;
const REDACTED = '[redacted]';
const MAX_DEPTH = 5;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function redact(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return describeError(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}

/** Errors are logged by name, message and stack (server-side only; never sent to clients). */
function describeError(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
  };
}
