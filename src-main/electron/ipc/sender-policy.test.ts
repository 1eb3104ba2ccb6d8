import { describe, expect, it } from 'vitest';
import { AppPages } from '../app-pages.js';
import { FakeWebContents } from '../testing/fake-electron.js';
import type { WindowKind } from '../windows/window-kind.js';
import { isTrustedSender } from './sender-policy.js';

const pages = new AppPages({ rendererDir: '/app/out/renderer' });

function windowOf(kind: WindowKind) {
  const contents = new FakeWebContents();
  contents.url = pages.pageUrl(kind);
  return contents;
}

describe('isTrustedSender', () => {
  const main = windowOf('main');
  const popup = windowOf('popup');
  const media = windowOf('media');
  const kinds = new Map<number, WindowKind>([
    [main.id, 'main'],
    [popup.id, 'popup'],
    [media.id, 'media'],
  ]);
  const deps = { pages, kindOf: (c: { id: number }) => kinds.get(c.id) ?? null };

  it('trusts a UI window’s top frame on its own page', () => {
    expect(isTrustedSender(main.senderEvent(), ['main', 'popup'], deps)).toBe(true);
    expect(isTrustedSender(popup.senderEvent(), ['main', 'popup'], deps)).toBe(true);
    expect(isTrustedSender(media.senderEvent(), ['media'], deps)).toBe(true);
  });

  it('refuses a window kind the channel is not for (the media window calling phone methods)', () => {
    expect(isTrustedSender(media.senderEvent(), ['main', 'popup'], deps)).toBe(false);
    expect(isTrustedSender(main.senderEvent(), ['media'], deps)).toBe(false);
  });

  it('refuses unknown web contents, subframes, destroyed frames and foreign or mismatched pages', () => {
    const stranger = windowOf('main');
    expect(isTrustedSender(stranger.senderEvent(), ['main'], deps)).toBe(false);
    expect(isTrustedSender(main.senderEvent(main.url, { url: main.url }), ['main'], deps)).toBe(false);
    expect(isTrustedSender({ sender: main, senderFrame: null }, ['main'], deps)).toBe(false);
    expect(isTrustedSender(main.senderEvent('https://evil.example/'), ['main'], deps)).toBe(false);
    // the main window showing the popup page is not how our windows are wired: refuse
    expect(isTrustedSender(main.senderEvent(pages.pageUrl('popup')), ['main', 'popup'], deps)).toBe(false);
  });
});
