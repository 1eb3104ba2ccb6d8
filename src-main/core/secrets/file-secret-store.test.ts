import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from './file-secret-store.js';
import type { SecretName } from './secret-store.js';

const dirs: string[] = [];
function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plusphone-secrets-'));
  dirs.push(dir);
  return join(dir, 'nested', 'secrets.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('FileSecretStore (test double: not encryption)', () => {
  it('sets, gets and deletes named secrets; a new store on the same file reads them', async () => {
    const path = tempPath();
    const store = new FileSecretStore({ path });
    expect(await store.get('login.session')).toBeNull();
    await store.set('login.session', '{"token":"t-ü-🔑"}');
    await store.set('login.password', 'plus-demo-a');
    expect(await new FileSecretStore({ path }).get('login.session')).toBe('{"token":"t-ü-🔑"}');
    await store.delete('login.password');
    await store.delete('login.password');
    expect(await store.get('login.password')).toBeNull();
    expect(await store.get('login.session')).toBe('{"token":"t-ü-🔑"}');
  });

  it('the file is 0600 in a 0700 directory and holds no value in the clear', async () => {
    const path = tempPath();
    const store = new FileSecretStore({ path });
    await store.set('login.password', 'plus-demo-a');
    if (process.platform !== 'win32') {
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    }
    expect(readFileSync(path, 'utf8')).not.toContain('plus-demo-a');
  });

  it('a damaged file reads as empty and is replaced by the next write', async () => {
    const path = tempPath();
    const store = new FileSecretStore({ path });
    await store.set('login.session', 'x');
    writeFileSync(path, '{not json');
    expect(await store.get('login.session')).toBeNull();
    await store.set('login.password', 'p');
    expect(await store.get('login.password')).toBe('p');
  });

  it('refuses unknown names and oversized values', async () => {
    const store = new FileSecretStore({ path: tempPath() });
    await expect(store.set('../../etc/passwd' as SecretName, 'x')).rejects.toThrow(/unknown secret/);
    await expect(store.get('other' as SecretName)).rejects.toThrow(/unknown secret/);
    await expect(store.set('login.password', 'x'.repeat(20_000))).rejects.toThrow(/refused/);
  });

  it('concurrent writes are serialised: none is lost', async () => {
    const store = new FileSecretStore({ path: tempPath() });
    await Promise.all([store.set('login.session', 's'), store.set('login.password', 'p')]);
    expect(await store.get('login.session')).toBe('s');
    expect(await store.get('login.password')).toBe('p');
  });
});
