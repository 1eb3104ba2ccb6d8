import { describe, expect, it } from 'vitest';
import { FakeShell, recordingLogger } from '../testing/fake-electron.js';
import { ExternalLinkOpener, safeExternalUrl } from './external-links.js';

describe('safeExternalUrl', () => {
  it('passes http and https links, normalised', () => {
    expect(safeExternalUrl('https://crm.example.jp/customers?tel=0355550100')).toBe(
      'https://crm.example.jp/customers?tel=0355550100',
    );
    expect(safeExternalUrl('HTTP://Example.COM')).toBe('http://example.com/');
  });

  it('refuses every other scheme, credentials in the URL, junk and oversized input', () => {
    const refused: unknown[] = [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'smb://attacker/share',
      'tel:0355550100',
      'https://user:secret@example.com/',
      'https://',
      'not a url',
      '',
      `https://example.com/${'a'.repeat(3000)}`,
      42,
      null,
    ];
    for (const url of refused) expect(safeExternalUrl(url), String(url).slice(0, 40)).toBeNull();
  });
});

describe('ExternalLinkOpener', () => {
  it('hands safe links to the OS browser and logs refused ones without opening them', () => {
    const shell = new FakeShell();
    const logger = recordingLogger();
    const opener = new ExternalLinkOpener(shell, logger);
    expect(opener.open('https://example.com/a')).toBe(true);
    expect(opener.open('file:///etc/passwd')).toBe(false);
    expect(shell.opened).toEqual(['https://example.com/a']);
    expect(logger.entries.filter((e) => e.level === 'warn')).toHaveLength(1);
  });
});
