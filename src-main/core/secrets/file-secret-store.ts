import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SerialQueue } from '../support/serial-queue.js';
import { isSecretName, SECRET_MAX_LENGTH, type SecretName, type SecretStore } from './secret-store.js';

/**
 * How a value is kept in the file. The default stores it as is (base64 only so the file stays one
 * line of JSON): that is NOT encryption. The Electron shell passes a codec built on safeStorage.
 * `decode` may throw (a value from another user or machine): the secret then reads as null.
 */
export interface SecretCodec {
  encode(plain: string): string;
  decode(stored: string): string;
}

export const PLAIN_CODEC: SecretCodec = {
  encode: (plain) => Buffer.from(plain, 'utf8').toString('base64'),
  decode: (stored) => Buffer.from(stored, 'base64').toString('utf8'),
};

export interface FileSecretStoreOptions {
  /** the JSON file; created with mode 0600 in a 0700 directory */
  path: string;
  codec?: SecretCodec;
}

/**
 * Secrets in one JSON file readable only by this OS user (0600). Without a codec this is a test
 * double and the browser host's store: anyone who can read the user's files can read the token.
 * Writes go to a temporary file that is renamed over the old one, so a crash leaves the old file
 * or the new one, never half; operations run one at a time.
 */
export class FileSecretStore implements SecretStore {
  private readonly queue = new SerialQueue();
  private readonly codec: SecretCodec;

  constructor(private readonly options: FileSecretStoreOptions) {
    this.codec = options.codec ?? PLAIN_CODEC;
  }

  async get(name: SecretName): Promise<string | null> {
    assertName(name);
    return this.queue.run(async () => {
      const stored = (await this.readAll())[name];
      if (stored === undefined) return null;
      try {
        return this.codec.decode(stored);
      } catch {
        return null;
      }
    });
  }

  async set(name: SecretName, value: string): Promise<void> {
    assertName(name);
    if (typeof value !== 'string' || value.length > SECRET_MAX_LENGTH) throw new Error('secret value refused');
    return this.queue.run(async () => {
      const all = await this.readAll();
      all[name] = this.codec.encode(value);
      await this.writeAll(all);
    });
  }

  async delete(name: SecretName): Promise<void> {
    assertName(name);
    return this.queue.run(async () => {
      const all = await this.readAll();
      if (!(name in all)) return;
      delete all[name];
      await this.writeAll(all);
    });
  }

  /** A missing or damaged file reads as empty: secrets are then simply gone (log in again). */
  private async readAll(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(this.options.path, 'utf8');
    } catch {
      return {};
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      return Object.fromEntries(
        Object.entries(parsed).filter((entry): entry is [string, string] => isSecretName(entry[0]) && typeof entry[1] === 'string'),
      );
    } catch {
      return {};
    }
  }

  private async writeAll(all: Record<string, string>): Promise<void> {
    const { path } = this.options;
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify(all), { mode: 0o600 });
      // writeFile's mode applies only to a new file: a leftover temporary file keeps its own
      await chmod(temporary, 0o600);
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

function assertName(name: unknown): asserts name is SecretName {
  if (!isSecretName(name)) throw new Error('unknown secret name');
}
