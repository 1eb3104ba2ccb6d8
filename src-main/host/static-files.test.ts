import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from './static-files.js';

describe('resolveInside', () => {
  const root = resolve('/srv/renderer');

  it('maps URL paths to files under the root', () => {
    expect(resolveInside(root, '/windows/main/index.html')).toBe(join(root, 'windows/main/index.html'));
    expect(resolveInside(root, '/assets/%E7%9D%80%E4%BF%A1.js')).toBe(join(root, 'assets/着信.js'));
  });

  it('refuses traversal, however it is spelled', () => {
    for (const path of ['/../etc/passwd', '/assets/../../etc/passwd', '/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd', '/a\\..\\b', '/x%00.js', '/%E0%A4%A']) {
      expect(resolveInside(root, path), path).toBeNull();
    }
  });
});
