import { z } from 'zod';
import { errorMessage, type Logger } from '../logging/logger.js';
import type { SecretStore } from './secret-store.js';

/** What is needed to log in again without the password: where, who, and the bearer token. */
export interface RememberedSession {
  serverUrl: string;
  loginId: string;
  token: string;
}

const rememberedSessionSchema = z.object({
  serverUrl: z.string().max(2048).regex(/^https?:\/\/[^\s]+$/i),
  loginId: z.string().min(1).max(64),
  token: z.string().min(16).max(512),
});

/**
 * The login the core keeps in the injected SecretStore: the session token after every login and
 * token refresh (so a restart resumes without asking), the password only when the user chose
 * "remember" (so an expired token can be replaced without asking). Logout forgets both. A store
 * that fails is logged and otherwise ignored: it never fails a login or a logout.
 */
export class LoginMemory {
  constructor(
    private readonly store: SecretStore | undefined,
    private readonly logger: Logger,
  ) {}

  get enabled(): boolean {
    return this.store !== undefined;
  }

  async session(): Promise<RememberedSession | null> {
    const raw = await this.read('login.session');
    if (raw === null) return null;
    try {
      const parsed = rememberedSessionSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through: a damaged record is forgotten
    }
    this.logger.warn('remembered login unreadable; forgotten');
    await this.forgetSession();
    return null;
  }

  password(): Promise<string | null> {
    return this.read('login.password');
  }

  /** After a login or resume: keep the token; keep the password only if asked, else drop any old one. */
  async remember(session: RememberedSession, password: { keep: boolean; value?: string | undefined }): Promise<void> {
    await this.write('login.session', JSON.stringify(session));
    if (password.keep && password.value !== undefined) await this.write('login.password', password.value);
    else if (!password.keep) await this.remove('login.password');
  }

  /** The watcher swapped the token: the old one no longer works. */
  async tokenRefreshed(token: string): Promise<void> {
    const current = await this.session();
    if (current) await this.write('login.session', JSON.stringify({ ...current, token }));
  }

  forgetSession(): Promise<void> {
    return this.remove('login.session');
  }

  async forgetAll(): Promise<void> {
    await this.remove('login.session');
    await this.remove('login.password');
  }

  private async read(name: 'login.session' | 'login.password'): Promise<string | null> {
    if (!this.store) return null;
    try {
      return await this.store.get(name);
    } catch (error) {
      this.logger.warn('secret store read failed', { name, error: errorMessage(error) });
      return null;
    }
  }

  private async write(name: 'login.session' | 'login.password', value: string): Promise<void> {
    if (!this.store) return;
    try {
      await this.store.set(name, value);
    } catch (error) {
      this.logger.warn('secret store write failed', { name, error: errorMessage(error) });
    }
  }

  private async remove(name: 'login.session' | 'login.password'): Promise<void> {
    if (!this.store) return;
    try {
      await this.store.delete(name);
    } catch (error) {
      this.logger.warn('secret store delete failed', { name, error: errorMessage(error) });
    }
  }
}
