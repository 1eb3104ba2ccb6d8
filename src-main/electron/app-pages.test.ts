import { describe, expect, it } from 'vitest';
import { AppPages, PAGE_PATHS } from './app-pages.js';

describe('AppPages (built renderer on disk)', () => {
  const pages = new AppPages({ rendererDir: '/opt/PlusPhone/resources/app.asar/out/renderer' });

  it('loads each window kind from its own file under out/renderer', () => {
    expect(pages.pageUrl('main')).toBe('file:///opt/PlusPhone/resources/app.asar/out/renderer/windows/main/index.html');
    expect(pages.pageUrl('popup')).toBe('file:///opt/PlusPhone/resources/app.asar/out/renderer/windows/popup/popup.html');
    expect(pages.pageUrl('media')).toBe('file:///opt/PlusPhone/resources/app.asar/out/renderer/media/media.html');
  });

  it('knows its pages, with or without query and fragment', () => {
    expect(pages.pageKind(pages.pageUrl('popup'))).toBe('popup');
    expect(pages.pageKind(`${pages.pageUrl('popup')}?lang=en#x`)).toBe('popup');
    expect(pages.isOwnPage(pages.pageUrl('media'))).toBe(true);
  });

  it('does not trust other files, other folders, traversal tricks, or other schemes', () => {
    const hostile = [
      'file:///opt/PlusPhone/resources/app.asar/out/renderer/windows/main/other.html',
      'file:///tmp/windows/main/index.html',
      'file:///opt/PlusPhone/resources/app.asar/out/renderer/windows/main/../../../../evil/windows/main/index.html',
      'https://example.com/windows/main/index.html',
      'http://127.0.0.1:5173/windows/main/index.html',
      'javascript:alert(1)',
      'not a url',
      '',
    ];
    for (const url of hostile) expect(pages.isOwnPage(url), url).toBe(false);
    expect(pages.isOwnPage(null)).toBe(false);
    expect(pages.isOwnPage(undefined)).toBe(false);
  });

  it('normalises dot segments the way Chromium does, so ./ and ../ that land on our page still match', () => {
    expect(pages.pageKind('file:///opt/PlusPhone/resources/app.asar/out/renderer/media/../windows/main/index.html')).toBe('main');
  });

  it('percent-encodes paths with spaces and Japanese folder names like the page URL Chromium reports', () => {
    const local = new AppPages({ rendererDir: '/home/佐藤/Plus Phone/out/renderer' });
    const url = local.pageUrl('main');
    expect(url).toBe('file:///home/%E4%BD%90%E8%97%A4/Plus%20Phone/out/renderer/windows/main/index.html');
    expect(local.pageKind(url)).toBe('main');
  });
});

describe('AppPages (electron-vite dev server)', () => {
  const pages = new AppPages({ rendererDir: '/unused', devServerUrl: 'http://localhost:5173' });

  it('loads pages from the dev server, at the same paths as the build', () => {
    for (const kind of ['main', 'popup', 'media'] as const) {
      expect(pages.pageUrl(kind)).toBe(`http://localhost:5173/${PAGE_PATHS[kind]}`);
      expect(pages.pageKind(pages.pageUrl(kind))).toBe(kind);
    }
  });

  it('trusts only the dev server origin and only our documents', () => {
    expect(pages.isOwnPage('http://localhost:5174/windows/main/index.html')).toBe(false);
    expect(pages.isOwnPage('http://user:pw@localhost:5173/windows/main/index.html')).toBe(false);
    expect(pages.isOwnPage('http://localhost:5173/')).toBe(false);
    expect(pages.isOwnPage('file:///unused/windows/main/index.html')).toBe(false);
  });

  it('refuses a dev server URL that is not http(s)', () => {
    expect(() => new AppPages({ rendererDir: '/x', devServerUrl: 'file:///etc/' })).toThrow(/http/);
  });
});
