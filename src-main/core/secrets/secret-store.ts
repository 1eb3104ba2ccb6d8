/**
 * Where the core keeps secrets (issue 5 point 9): the provisioning login token, and the password
 * when the user asked to be remembered. Injected: the Electron shell passes a store encrypted with
 * safeStorage (src-main/electron/security/safe-storage-secret-store.ts), Node tests and the
 * browser host a plain file (file-secret-store.ts). Values are never logged.
 */
export interface SecretStore {
  /** the value, or null when there is none (or it can no longer be read) */
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  /** no error when there is nothing to delete */
  delete(name: SecretName): Promise<void>;
}

/** The secrets the core uses; a closed list, so a typo cannot create a stray secret. */
export const SECRET_NAMES = ['login.session', 'login.password'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export const isSecretName = (name: unknown): name is SecretName => (SECRET_NAMES as readonly unknown[]).includes(name);

/** A secret value is at most this long (a token, a password, a small JSON record). */
export const SECRET_MAX_LENGTH = 16 * 1024;

/** In memory, for tests and a phone that must not keep anything. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<SecretName, string>();

  get(name: SecretName): Promise<string | null> {
    return Promise.resolve(this.values.get(name) ?? null);
  }

  set(name: SecretName, value: string): Promise<void> {
    if (value.length > SECRET_MAX_LENGTH) return Promise.reject(new Error('secret too long'));
    this.values.set(name, value);
    return Promise.resolve();
  }

  delete(name: SecretName): Promise<void> {
    this.values.delete(name);
    return Promise.resolve();
  }
}
