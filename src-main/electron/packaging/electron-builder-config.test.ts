import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';

/*
 * electron-builder.yml, read and validated by electron-builder itself (app-builder-lib, the
 * package that `electron-builder --config electron-builder.yml` runs): its YAML loader and
 * its JSON-schema check against app-builder-lib/scheme.json, with the same ajv options.
 */
const projectDir = join(import.meta.dirname, '..', '..', '..');
const configFile = join(projectDir, 'electron-builder.yml');
const quietDebugLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];

const load = (): Promise<Configuration> => getConfig(projectDir, configFile, null);

// compiling electron-builder's JSON schema takes seconds of CPU: on a loaded 2-core machine more than the default 5 s
const SCHEMA_TIMEOUT_MS = 60_000;

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s own schema', { timeout: SCHEMA_TIMEOUT_MS }, async () => {
    await expect(validateConfiguration(await load(), quietDebugLogger)).resolves.toBeUndefined();
  });

  it('the schema check is real: an unknown option is rejected', { timeout: SCHEMA_TIMEOUT_MS }, async () => {
    const config = await load();
    const broken = { ...config, nsis: { ...config.nsis, perUserInstall: true } } as Configuration;
    await expect(validateConfiguration(broken, quietDebugLogger)).rejects.toThrow(/nsis/);
  });

  it('identifies the product', async () => {
    const config = await load();
    expect(config.appId).toBe('jp.plusphone.softphone');
    expect(config.productName).toBe('PlusPhone');
  });

  it('builds a per-user NSIS installer with shortcuts', async () => {
    const config = await load();
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      perMachine: false,
      allowElevation: false,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: 'PlusPhone',
    });
  });

  it('registers tel:, callto: and sip:', async () => {
    const config = await load();
    const protocols = [config.protocols ?? []].flat();
    expect(protocols.flatMap((p) => p.schemes).sort()).toEqual(['callto', 'sip', 'tel']);
  });

  it('packs only the build output (no sources, tests or server), unpacks better-sqlite3 and leaves wrtc out', async () => {
    const config = await load();
    const patterns = [config.files ?? []]
      .flat()
      .flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry.filter ?? []].flat()));
    const included = patterns.filter((p) => !p.startsWith('!'));
    expect(included.sort()).toEqual(['out/**', 'package.json']);
    expect(patterns).toContain('!node_modules/@roamhq/**');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/**']);
  });

  it('hardens the packaged binary with fuses', async () => {
    const config = await load();
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true, enableNodeCliInspectArguments: false });
  });

  it('publishes update metadata for a generic provider (the real feed URL comes from provisioning)', async () => {
    const config = await load();
    expect(config.publish).toMatchObject({ provider: 'generic', url: expect.stringMatching(/^https:\/\//) });
  });
});

describe('tray icons', () => {
  it('ships assets/tray as resources/tray, where main.ts looks in the installed app', async () => {
    const config = await load();
    expect(config.extraResources).toEqual([{ from: 'assets/tray', to: 'tray', filter: ['*.png'] }]);
  });
});
