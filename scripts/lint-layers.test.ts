// The layer rules of DESIGN.md §3 are enforced by eslint.config.js; this proves they bite.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('no-restricted')).map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['src-shared/domain/x.ts', "import { PhoneService } from '../../src-main/core/phone-service.js';"],
    ['src-shared/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src-shared/domain/x.ts', "export const w = window.location;"],
    ['src-shared/domain/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src-main/core/x.ts', "import { app } from 'electron';"],
    ['src-main/core/x.ts', "import { createWindows } from '../electron/windows.js';"],
    ['src-main/core/x.ts', "import { startServer } from '../../src-server/app.js';"],
    ['src-renderer/windows/main/x.ts', "import { readFileSync } from 'fs';"],
    ['src-renderer/windows/main/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src-renderer/windows/main/x.ts', "import { PhoneService } from '../../../src-main/core/phone-service.js';"],
    ['src-server/x.ts', "import { PhoneService } from '../src-main/core/phone-service.js';"],
  ])('refuses in %s: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).not.toEqual([]);
  });

  it.each([
    ['src-shared/domain/x.ts', "import { z } from 'zod';"],
    ['src-main/core/x.ts', "import { ok } from '../../src-shared/contract/result.js';"],
    ['src-main/core/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src-renderer/windows/main/x.ts', "import { ok } from '../../../src-shared/contract/result.js';"],
    ['src-server/x.ts', "import { readFileSync } from 'node:fs';"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
