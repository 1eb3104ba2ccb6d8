import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Login passwords are stored as scrypt hashes in a self-describing string, so the cost can be
 * raised later without breaking existing rows:  $scrypt$ln=15,r=8,p=1$<salt>$<key>  (base64).
 */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N */
  ln: number;
  r: number;
  p: number;
}

/** ~90 ms and 32 MiB per hash on the reference machine: a fair price for a rare login. */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, KEY_BYTES, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * True when `password` matches `encoded`. Compares in constant time; a malformed hash never
 * matches (and never throws).
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed) return false;
  const key = await deriveKey(password, parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/**
 * Spends the same time as a real verification, for logins whose ID does not exist, so the
 * response time does not tell an attacker which IDs are real.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  await deriveKey(password, randomBytes(SALT_BYTES), KEY_BYTES, DEFAULT_SCRYPT_PARAMS);
  return false;
}

function parseHash(encoded: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match = FORMAT.exec(encoded);
  if (!match) return undefined;
  const [, ln, r, p, salt, key] = match;
  const params = { ln: Number(ln), r: Number(r), p: Number(p) };
  // Refuse absurd costs from a tampered row rather than hanging the server.
  if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.p < 1) return undefined;
  const keyBytes = Buffer.from(key ?? '', 'base64');
  if (keyBytes.length < 16) return undefined;
  return { params, salt: Buffer.from(salt ?? '', 'base64'), key: keyBytes };
}

function deriveKey(password: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  // Node refuses costs above maxmem (default 32 MiB); allow what the params need, plus slack.
  const maxmem = 128 * N * params.r * 2;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, { N, r: params.r, p: params.p, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}
