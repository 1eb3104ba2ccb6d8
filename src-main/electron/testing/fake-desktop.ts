/*
 * A stand-in for the desktop half of Electron (Tray, globalShortcut, powerSaveBlocker,
 * powerMonitor, protocol registration, the selection) for shell and desktop tests.
 */
import { EventEmitter } from 'node:events';
import type { DesktopApi } from '../desktop/desktop-services.js';
import type { PowerMonitorLike } from '../power/system-power-events.js';
import type { TrayLike, TrayMenuTemplateItem } from '../tray/tray-controller.js';

export class FakeTray extends EventEmitter implements TrayLike {
  image: unknown;
  tooltip = '';
  menu: TrayMenuTemplateItem[] = [];
  destroyed = false;
  setImage(image: unknown): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu as TrayMenuTemplateItem[];
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export function createFakeDesktop(argv: string[] = ['PlusPhone.exe']) {
  const state = {
    tray: undefined as FakeTray | undefined,
    shortcuts: new Map<string, () => void>(),
    blockers: [] as string[],
    protocols: [] as string[],
    loginItems: [] as boolean[],
    selection: '',
  };
  const monitor = new EventEmitter() as EventEmitter & PowerMonitorLike;
  const api: DesktopApi = {
    app: {
      isPackaged: true,
      setAsDefaultProtocolClient: (protocol) => {
        state.protocols.push(protocol);
        return true;
      },
      setLoginItemSettings: (settings) => state.loginItems.push(settings.openAtLogin),
    },
    launch: { execPath: 'PlusPhone.exe', entryScript: undefined },
    argv,
    tray: {
      createTray: (image) => {
        state.tray = new FakeTray();
        state.tray.image = image;
        return state.tray;
      },
      image: (kind, badge) => `${kind}${badge ? '!' : ''}`,
      buildMenu: (template) => template,
    },
    globalShortcut: {
      register: (accelerator, callback) => {
        state.shortcuts.set(accelerator, callback);
        return true;
      },
      unregister: (accelerator) => state.shortcuts.delete(accelerator),
    },
    readSelection: () => Promise.resolve(state.selection),
    powerSaveBlocker: {
      start: () => {
        state.blockers.push('start');
        return state.blockers.length;
      },
      stop: () => state.blockers.push('stop'),
    },
    powerMonitor: monitor,
  };
  return {
    api,
    state,
    monitor,
    tray: () => state.tray!,
    press: (accelerator: string) => state.shortcuts.get(accelerator)!(),
  };
}
