import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password-hash.js';

describe('password hashing (scrypt)', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const first = await hashPassword('plus-demo-a');
    const second = await hashPassword('plus-demo-a');
    expect(first).not.toBe(second);
    expect(first).not.toContain('plus-demo-a');
    expect(await verifyPassword('plus-demo-a', first)).toBe(true);
    expect(await verifyPassword('plus-demo-a', second)).toBe(true);
    expect(await verifyPassword('plus-demo-b', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('keeps its parameters in the hash, so other costs still verify', async () => {
    const cheap = await hashPassword('パスワード', { ln: 10, r: 8, p: 1 });
    expect(cheap).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
    expect(await verifyPassword('パスワード', cheap)).toBe(true);
  });

  it('treats composed and decomposed Japanese input as the same password', async () => {
    const hash = await hashPassword('ガ'.normalize('NFC'), { ln: 10, r: 8, p: 1 });
    expect(await verifyPassword('ガ'.normalize('NFD'), hash)).toBe(true);
  });

  it('never matches, and never throws on, malformed or absurd hashes', async () => {
    for (const bad of ['', 'plain', '$scrypt$ln=15,r=8,p=1$$', '$scrypt$ln=40,r=8,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAA==']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
    expect(await verifyAgainstNothing('x')).toBe(false);
  });
});
