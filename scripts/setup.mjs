// Set-up shared by `npm start` and `npm test`: dependencies from the lockfile, and Debian's
// Chromium when a browser is needed. Plain Node (no dependencies): it runs before `npm ci`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;
const stampFile = join(root, 'node_modules', '.plusphone-lock-hash');

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function lockHash() {
  const text = readFileSync(join(root, 'package-lock.json'));
  return createHash('sha256').update(text).update(readFileSync(join(root, 'package.json'))).digest('hex');
}

/** `npm ci` unless node_modules already matches package-lock.json. */
export function ensureDependencies() {
  const wanted = lockHash();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted) return;
  console.log('[setup] installing dependencies (npm ci)…');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) throw new Error('npm ci failed');
  writeFileSync(stampFile, wanted);
}

export const CHROMIUM = process.env.PLUSPHONE_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium for the e2e tests and the browser host; installed when running as root. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium`);
  }
  console.log('[setup] installing Debian chromium (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update'], { env }) !== 0) throw new Error('apt-get update failed');
  if (run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env }) !== 0) {
    throw new Error('apt-get install chromium failed');
  }
}
