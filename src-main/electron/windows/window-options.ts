import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { windowKindArgument, type WindowKind } from './window-kind.js';

/** Popup size in DIP; its page is laid out for exactly this. */
export const POPUP_SIZE = { width: 360, height: 208 } as const;

/**
 * The Electron security checklist as web preferences, the same for every window: isolated,
 * sandboxed, no Node, web security on, no <webview>, nothing experimental. Only the preload
 * and the window-kind argument differ.
 */
export function secureWebPreferences(kind: WindowKind, preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    additionalArguments: [windowKindArgument(kind)],
  };
}

/** BrowserWindow options per kind. Every window starts hidden; the WindowManager shows them. */
export function windowOptions(kind: WindowKind, preloadPath: string): BrowserWindowConstructorOptions {
  const webPreferences = secureWebPreferences(kind, preloadPath);
  switch (kind) {
    case 'main':
      return {
        title: 'PlusPhone',
        width: 400,
        height: 640,
        minWidth: 340,
        minHeight: 520,
        show: false,
        // painted while hidden, so the first show is instant
        paintWhenInitiallyHidden: true,
        autoHideMenuBar: true,
        backgroundColor: '#ffffff',
        webPreferences,
      };
    case 'popup':
      return {
        title: 'PlusPhone 着信',
        width: POPUP_SIZE.width,
        height: POPUP_SIZE.height,
        show: false,
        paintWhenInitiallyHidden: true,
        frame: false,
        resizable: false,
        movable: true,
        minimizable: false,
        maximizable: false,
        fullscreenable: false,
        skipTaskbar: true,
        // on top only while a call rings or is active (WindowManager); off while idle
        alwaysOnTop: false,
        backgroundColor: '#ffffff',
        // it must react to a ringing snapshot while hidden, before it is shown
        webPreferences: { ...webPreferences, backgroundThrottling: false },
      };
    case 'media':
      return {
        title: 'PlusPhone media',
        width: 320,
        height: 240,
        show: false,
        paintWhenInitiallyHidden: false,
        focusable: false,
        skipTaskbar: true,
        webPreferences: {
          ...webPreferences,
          // audio and its timers must not be throttled in a window that is never shown
          backgroundThrottling: false,
          // remote audio and the ringer play without a user gesture in this hidden window
          autoplayPolicy: 'no-user-gesture-required',
        },
      };
  }
}
