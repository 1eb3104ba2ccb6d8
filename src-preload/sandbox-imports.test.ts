import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * A sandboxed preload is run as one CommonJS script whose require() knows only 'electron' (and
 * a few polyfills). Anything else it imports at run time must be bundled, and zod (pulled in
 * by the contract schemas) would add its whole library to every window. So: the preload's
 * run-time imports are 'electron', its own files, and the zod-free src-shared/contract/result.
 */
const ALLOWED_RUNTIME_IMPORTS = [/^electron$/, /^\.\/[\w-]+\.js$/, /^\.\.\/src-shared\/contract\/result\.js$/];

const here = import.meta.dirname;
const productionFiles = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

function runtimeImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    if (!match[1]) found.push(match[2]!);
  }
  for (const match of source.matchAll(/\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]/g)) found.push(match[1]!);
  return found;
}

describe('preload imports (sandbox)', () => {
  it('has production files to check', () => {
    expect(productionFiles).toContain('index.ts');
  });

  it.each(productionFiles)('%s imports at run time only electron, its own files and result.ts', (file) => {
    const imports = runtimeImports(readFileSync(join(here, file), 'utf8'));
    for (const specifier of imports) {
      expect(
        ALLOWED_RUNTIME_IMPORTS.some((pattern) => pattern.test(specifier)),
        `${file} imports ${specifier}`,
      ).toBe(true);
    }
  });
});
