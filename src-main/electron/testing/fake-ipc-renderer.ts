import { EventEmitter } from 'node:events';
import type { IpcRendererLike } from '../../../src-preload/bridge-types.js';
import type { FakeIpcMain, FakeWebContents } from './fake-electron.js';

/**
 * ipcRenderer of one page, wired to a FakeIpcMain as `contents`: invoke/send arrive at main
 * with that sender, and what main sends to `contents` arrives here. Arguments are copied with
 * structured clone both ways, as Electron does.
 */
export class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  constructor(
    private readonly ipcMain: FakeIpcMain,
    private readonly contents: FakeWebContents,
  ) {
    super();
    contents.renderer = this;
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const copied = structuredClone(args);
    return this.ipcMain.invoke(channel, this.contents.senderEvent(), ...copied).then((value) => structuredClone(value));
  }

  send(channel: string, ...args: unknown[]): void {
    this.ipcMain.deliver(channel, this.contents.senderEvent(), ...structuredClone(args));
  }
}
