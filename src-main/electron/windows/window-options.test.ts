import { describe, expect, it } from 'vitest';
import { POPUP_SIZE, windowOptions } from './window-options.js';
import { WINDOW_KINDS } from './window-kind.js';

const PRELOAD = '/app/out/preload/index.cjs';

describe('windowOptions', () => {
  it.each(WINDOW_KINDS)('%s: hidden at creation, with the full set of secure web preferences', (kind) => {
    const options = windowOptions(kind, PRELOAD);
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      additionalArguments: [`--plusphone-window=${kind}`],
    });
  });

  it('main window paints while hidden so showing it is instant', () => {
    expect(windowOptions('main', PRELOAD)).toMatchObject({ paintWhenInitiallyHidden: true });
  });

  it('popup is small, frameless, out of the taskbar, painted while hidden and not throttled', () => {
    const popup = windowOptions('popup', PRELOAD);
    expect(popup).toMatchObject({
      width: POPUP_SIZE.width,
      height: POPUP_SIZE.height,
      frame: false,
      resizable: false,
      skipTaskbar: true,
      paintWhenInitiallyHidden: true,
      alwaysOnTop: false,
    });
    expect(popup.webPreferences?.backgroundThrottling).toBe(false);
  });

  it('media host never shows or takes focus, and its audio is neither throttled nor gesture-gated', () => {
    const media = windowOptions('media', PRELOAD);
    expect(media).toMatchObject({ show: false, focusable: false, skipTaskbar: true });
    expect(media.webPreferences).toMatchObject({
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
  });
});
