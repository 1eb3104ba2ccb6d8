import { FileSecretStore, type SecretCodec } from '../../core/secrets/file-secret-store.js';
import type { SecretStore } from '../../core/secrets/secret-store.js';

/**
 * The slice of Electron's `safeStorage` this store uses (main.ts passes the real object, tests a
 * fake). On Windows it is DPAPI: only this Windows user on this machine can decrypt.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** safeStorage has no key yet (before app ready) or none at all (Linux without a keyring). */
export class SecretEncryptionUnavailableError extends Error {
  constructor() {
    super('OS encryption for secrets is not available');
    this.name = 'SecretEncryptionUnavailableError';
  }
}

/** Encrypt with safeStorage; refuse to store anything in the clear when it cannot. */
export function safeStorageCodec(safeStorage: SafeStorageLike): SecretCodec {
  return {
    encode(plain) {
      if (!safeStorage.isEncryptionAvailable()) throw new SecretEncryptionUnavailableError();
      return safeStorage.encryptString(plain).toString('base64');
    },
    decode(stored) {
      if (!safeStorage.isEncryptionAvailable()) throw new SecretEncryptionUnavailableError();
      return safeStorage.decryptString(Buffer.from(stored, 'base64'));
    },
  };
}

/**
 * The Electron shell's SecretStore: the core's file store (0600, atomic writes) with every value
 * encrypted by safeStorage. A value that cannot be decrypted (copied from another user or PC)
 * reads as null, so the user simply logs in again. Create it after `app.whenReady()`; the path
 * is e.g. `join(app.getPath('userData'), 'secrets.json')`.
 */
export function createSafeStorageSecretStore(safeStorage: SafeStorageLike, path: string): SecretStore {
  return new FileSecretStore({ path, codec: safeStorageCodec(safeStorage) });
}
