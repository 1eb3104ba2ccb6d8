import { describe, expect, it } from 'vitest';
import { FakeEvent, FakeNavigationEvent, FakeWebContents } from '../testing/fake-electron.js';
import { guardWebContents } from './contents-guard.js';
import { safeExternalUrl } from './external-links.js';

const OWN = 'file:///app/out/renderer/windows/main/index.html';

function guarded() {
  const contents = new FakeWebContents();
  contents.url = OWN;
  const opened: string[] = [];
  const remove = guardWebContents(contents, {
    isOwnPage: (url) => url.split(/[?#]/)[0] === OWN,
    openExternal: (url) => {
      if (safeExternalUrl(url)) opened.push(url);
    },
  });
  return { contents, opened, remove };
}

describe('guardWebContents', () => {
  it('lets the page reload itself or change its fragment', () => {
    const { contents } = guarded();
    expect(contents.navigate(OWN)).toBe(true);
    expect(contents.navigate(`${OWN}#dialer`)).toBe(true);
  });

  it('denies navigation anywhere else, opening http(s) links in the browser instead', () => {
    const { contents, opened } = guarded();
    expect(contents.navigate('https://crm.example.jp/c/1')).toBe(false);
    expect(contents.navigate('file:///app/out/renderer/windows/popup/popup.html')).toBe(false);
    expect(contents.navigate('file:///C:/Users/me/evil.html')).toBe(false);
    expect(opened).toEqual(['https://crm.example.jp/c/1']);
  });

  it('denies every new window, opening http(s) ones in the browser', () => {
    const { contents, opened } = guarded();
    expect(contents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/']);
  });

  it('denies redirects away from our pages and any <webview>', () => {
    const { contents } = guarded();
    const away = new FakeNavigationEvent('https://example.com/');
    contents.emit('will-redirect', away);
    expect(away.defaultPrevented).toBe(true);
    const webview = new FakeEvent();
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('removes its listeners and still denies new windows once removed', () => {
    const { contents, remove } = guarded();
    remove();
    expect(contents.listenerCount('will-navigate')).toBe(0);
    expect(contents.listenerCount('will-redirect')).toBe(0);
    expect(contents.listenerCount('will-attach-webview')).toBe(0);
    expect(contents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
  });
});
