import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'plusphone-electron-binary-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A node_modules/electron as npm leaves it: with or without the downloaded dist/. */
function electronPackage(options: { pathTxt?: string; executable?: string } = {}): string {
  const dir = join(root, 'node_modules', 'electron');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"electron","version":"45.5.0"}');
  if (options.pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), options.pathTxt);
  if (options.executable !== undefined) {
    const exe = join(dir, 'dist', options.executable);
    mkdirSync(join(exe, '..'), { recursive: true });
    writeFileSync(exe, '');
    chmodSync(exe, 0o755);
  }
  return dir;
}

describe('findElectronBinary', () => {
  it('finds the downloaded binary named by path.txt', () => {
    const dir = electronPackage({ pathTxt: 'electron', executable: 'electron' });
    expect(findElectronBinary({ env: {}, platform: 'linux', electronPackageDir: () => dir })).toEqual({
      ok: true,
      path: join(dir, 'dist', 'electron'),
    });
  });

  it('prefers ELECTRON_OVERRIDE_DIST_PATH, using the platform’s executable name', () => {
    const dist = join(root, 'electron-v45-win32-x64');
    mkdirSync(dist);
    writeFileSync(join(dist, 'electron.exe'), '');
    const dir = electronPackage();
    expect(
      findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: dist }, platform: 'win32', electronPackageDir: () => dir }),
    ).toEqual({ ok: true, path: join(dist, 'electron.exe') });
  });

  it('explains, in Japanese and English, an override that holds no executable', () => {
    const result = findElectronBinary({
      env: { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'empty') },
      platform: 'linux',
      electronPackageDir: () => null,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain('ELECTRON_OVERRIDE_DIST_PATH');
      expect(result.reason).toMatch(/ありません/);
      expect(result.reason).toMatch(/does not contain/);
    }
  });

  it('explains a binary that was never downloaded (no path.txt), without throwing', () => {
    const dir = electronPackage();
    const result = findElectronBinary({ env: {}, platform: 'linux', electronPackageDir: () => dir });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) {
      expect(result.reason).toMatch(/ダウンロードされていません/);
      expect(result.reason).toMatch(/not downloaded/);
      expect(result.reason).toMatch(/ELECTRON_OVERRIDE_DIST_PATH/);
    }
  });

  it('explains a path.txt whose executable is missing, and a package that is not installed', () => {
    const dir = electronPackage({ pathTxt: 'electron' });
    const missing = findElectronBinary({ env: {}, platform: 'linux', electronPackageDir: () => dir });
    expect(missing).toMatchObject({ ok: false, reason: expect.stringContaining(join(dir, 'dist', 'electron')) });
    const notInstalled = findElectronBinary({ env: {}, platform: 'linux', electronPackageDir: () => null });
    expect(notInstalled).toMatchObject({ ok: false, reason: expect.stringMatching(/npm install/) });
  });

  it('does not accept a directory where the executable should be', () => {
    const dir = electronPackage({ pathTxt: 'electron' });
    mkdirSync(join(dir, 'dist', 'electron'), { recursive: true });
    expect(findElectronBinary({ env: {}, platform: 'linux', electronPackageDir: () => dir }).ok).toBe(false);
  });

  it('answers for this checkout without throwing (the electron package here has no binary)', () => {
    const result = findElectronBinary({ env: {} });
    if (result.ok) expect(result.path).toMatch(/electron/i);
    else expect(result.reason.length).toBeGreaterThan(20);
  });
});
