import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store.js';

/** A stand-in for Electron's safeStorage: XOR with a per-"user" key, marked so a wrong key fails. */
class FakeSafeStorage implements SafeStorageLike {
  available = true;
  constructor(private readonly key: number) {}
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plainText: string): Buffer {
    return Buffer.from(Buffer.from(`ok:${plainText}`, 'utf8').map((byte) => byte ^ this.key));
  }
  decryptString(encrypted: Buffer): string {
    const plain = Buffer.from(encrypted.map((byte) => byte ^ this.key)).toString('utf8');
    if (!plain.startsWith('ok:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return plain.slice(3);
  }
}

const dirs: string[] = [];
function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plusphone-safe-'));
  dirs.push(dir);
  return join(dir, 'secrets.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('safe-storage SecretStore', () => {
  it('stores values encrypted and reads them back', async () => {
    const path = tempPath();
    const store = createSafeStorageSecretStore(new FakeSafeStorage(0x5a), path);
    await store.set('login.password', 'plus-demo-a');
    expect(await store.get('login.password')).toBe('plus-demo-a');
    const file = readFileSync(path, 'utf8');
    expect(file).not.toContain('plus-demo-a');
    expect(file).not.toContain(Buffer.from('plus-demo-a').toString('base64'));
  });

  it('a file from another user (other key) reads as null, not as garbage', async () => {
    const path = tempPath();
    await createSafeStorageSecretStore(new FakeSafeStorage(0x5a), path).set('login.session', 'token');
    expect(await createSafeStorageSecretStore(new FakeSafeStorage(0x33), path).get('login.session')).toBeNull();
  });

  it('never writes in the clear when encryption is unavailable', async () => {
    const path = tempPath();
    const safeStorage = new FakeSafeStorage(0x5a);
    const store = createSafeStorageSecretStore(safeStorage, path);
    await store.set('login.session', 'kept');
    safeStorage.available = false;
    await expect(store.set('login.password', 'plus-demo-a')).rejects.toThrow(/not available/);
    expect(await store.get('login.session')).toBeNull();
    expect(readFileSync(path, 'utf8')).not.toContain('plus-demo-a');
  });
});
