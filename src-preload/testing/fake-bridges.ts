import type { ContextBridgeLike, IpcRendererLike } from '../bridge-types.js';

/** Records everything the preload does with ipcRenderer; lets a test emit what main sends. */
export class RecordingIpcRenderer implements IpcRendererLike {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  readonly sentToMain: Array<{ channel: string; args: unknown[] }> = [];
  readonly listeners = new Map<string, Array<(event: unknown, ...args: unknown[]) => void>>();
  answer: (channel: string, args: unknown[]) => Promise<unknown> = () => Promise.resolve({ ok: true, value: null });

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.answer(channel, args);
  }
  send(channel: string, ...args: unknown[]): void {
    this.sentToMain.push({ channel, args });
  }
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): this {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  /** main → page: what webContents.send(channel, ...args) delivers, with its event object. */
  fromMain(channel: string, ...args: unknown[]): void {
    const event = { sender: { invoke: () => 'the real ipcRenderer' } };
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
  listenerTotal(): number {
    return [...this.listeners.values()].reduce((n, list) => n + list.length, 0);
  }
}

export class RecordingContextBridge implements ContextBridgeLike {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    this.exposed.set(key, api);
  }
}
