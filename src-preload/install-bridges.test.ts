import { describe, expect, it } from 'vitest';
import { EXPOSED_KEYS, installBridges } from './install-bridges.js';
import { RecordingContextBridge, RecordingIpcRenderer } from './testing/fake-bridges.js';

function install(argv: string[]) {
  const contextBridge = new RecordingContextBridge();
  const ipcRenderer = new RecordingIpcRenderer();
  const kind = installBridges({ contextBridge, ipcRenderer, argv });
  return { kind, contextBridge, ipcRenderer };
}

const ARGV = ['C:\\Program Files\\PlusPhone\\PlusPhone.exe', '--type=renderer'];

describe('installBridges', () => {
  it.each(['main', 'popup'] as const)('%s window: exposes exactly window.plusphone with invoke and on', (kind) => {
    const t = install([...ARGV, `--plusphone-window=${kind}`]);
    expect(t.kind).toBe(kind);
    expect([...t.contextBridge.exposed.keys()]).toEqual(['plusphone']);
    expect(EXPOSED_KEYS[kind]).toEqual(['plusphone']);
    expect(Object.keys(t.contextBridge.exposed.get('plusphone') as object).sort()).toEqual(['invoke', 'on']);
  });

  it('media window: exposes exactly window.plusphoneMedia with serve', () => {
    const t = install([...ARGV, '--plusphone-window=media']);
    expect([...t.contextBridge.exposed.keys()]).toEqual(['plusphoneMedia']);
    expect(Object.keys(t.contextBridge.exposed.get('plusphoneMedia') as object)).toEqual(['serve']);
  });

  it('exposes nothing and touches no IPC without a valid window kind', () => {
    const originalError = console.error;
    console.error = () => undefined;
    try {
      for (const argv of [ARGV, [...ARGV, '--plusphone-window=devtools'], [...ARGV, '--plusphone-window=main', '--plusphone-window=media']]) {
        const t = install(argv);
        expect(t.kind).toBeNull();
        expect(t.contextBridge.exposed.size).toBe(0);
        expect(t.ipcRenderer.listenerTotal()).toBe(0);
        expect(t.ipcRenderer.sentToMain).toEqual([]);
      }
    } finally {
      console.error = originalError;
    }
  });

  it('registers no IPC listener until the page subscribes or serves', () => {
    const ui = install([...ARGV, '--plusphone-window=main']);
    const media = install([...ARGV, '--plusphone-window=media']);
    expect(ui.ipcRenderer.listenerTotal()).toBe(0);
    expect(media.ipcRenderer.listenerTotal()).toBe(0);
  });
});
