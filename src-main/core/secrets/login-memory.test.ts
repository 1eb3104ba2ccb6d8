import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../logging/logger.js';
import { LoginMemory } from './login-memory.js';
import { MemorySecretStore, type SecretName, type SecretStore } from './secret-store.js';

const session = { serverUrl: 'http://127.0.0.1:7080', loginId: '05030000001', token: 'token-0123456789abcdef' };

describe('LoginMemory', () => {
  it('keeps the token always, the password only when asked, and forgets both at logout', async () => {
    const store = new MemorySecretStore();
    const memory = new LoginMemory(store, createSilentLogger());
    await memory.remember(session, { keep: false, value: 'plus-demo-a' });
    expect(await memory.session()).toEqual(session);
    expect(await memory.password()).toBeNull();
    await memory.remember(session, { keep: true, value: 'plus-demo-a' });
    expect(await memory.password()).toBe('plus-demo-a');
    // a resume keeps what was remembered
    await memory.remember({ ...session, token: 'token-resumed-0123456789' }, { keep: true });
    expect(await memory.password()).toBe('plus-demo-a');
    await memory.tokenRefreshed('token-refreshed-0123456789');
    expect((await memory.session())?.token).toBe('token-refreshed-0123456789');
    await memory.forgetAll();
    expect(await memory.session()).toBeNull();
    expect(await memory.password()).toBeNull();
  });

  it('a damaged or hostile record is forgotten, never used', async () => {
    const store = new MemorySecretStore();
    const memory = new LoginMemory(store, createSilentLogger());
    for (const raw of ['{not json', JSON.stringify({ ...session, serverUrl: 'javascript:alert(1)' }), JSON.stringify({ token: 'x' })]) {
      await store.set('login.session', raw);
      expect(await memory.session()).toBeNull();
      expect(await store.get('login.session')).toBeNull();
    }
  });

  it('a failing store never fails the login: reads give null, writes are logged', async () => {
    const broken: SecretStore = {
      get: (_name: SecretName) => Promise.reject(new Error('keyring locked')),
      set: () => Promise.reject(new Error('keyring locked')),
      delete: () => Promise.reject(new Error('keyring locked')),
    };
    const memory = new LoginMemory(broken, createSilentLogger());
    await expect(memory.remember(session, { keep: true, value: 'p' })).resolves.toBeUndefined();
    expect(await memory.session()).toBeNull();
    await expect(memory.forgetAll()).resolves.toBeUndefined();
    expect(new LoginMemory(undefined, createSilentLogger()).enabled).toBe(false);
  });
});
