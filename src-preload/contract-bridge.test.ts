import { describe, expect, it } from 'vitest';
import { createContractBridge } from './contract-bridge.js';
import { RecordingIpcRenderer } from './testing/fake-bridges.js';

describe('window.plusphone (contract bridge)', () => {
  it('has exactly invoke and on', () => {
    expect(Object.keys(createContractBridge(new RecordingIpcRenderer())).sort()).toEqual(['invoke', 'on']);
  });

  it('invokes a contract method on plusphone:<method> and returns main’s Result', async () => {
    const ipc = new RecordingIpcRenderer();
    ipc.answer = () => Promise.resolve({ ok: true, value: { lineId: 'L1' } });
    const bridge = createContractBridge(ipc);
    await expect(bridge.invoke('call.dial', { target: '203' })).resolves.toEqual({ ok: true, value: { lineId: 'L1' } });
    expect(ipc.invoked).toEqual([{ channel: 'plusphone:call.dial', args: [{ target: '203' }] }]);
  });

  it('refuses unknown methods without calling ipcRenderer', async () => {
    const ipc = new RecordingIpcRenderer();
    const bridge = createContractBridge(ipc);
    for (const method of ['shell.openExternal', 'media.getDescription', 'plusphone:call.dial', '__proto__', 'constructor', '', 42]) {
      await expect(bridge.invoke(method as string, {}), String(method)).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid-argument' },
      });
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('never rejects: a failed invoke and a malformed answer both become {ok:false}', async () => {
    const ipc = new RecordingIpcRenderer();
    const bridge = createContractBridge(ipc);
    ipc.answer = () => Promise.reject(new Error("No handler registered for 'plusphone:call.hangup'"));
    await expect(bridge.invoke('call.hangup', { lineId: 'L1' })).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
    ipc.answer = () => Promise.resolve('not a result');
    await expect(bridge.invoke('call.hangup', { lineId: 'L1' })).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    ipc.invoke = () => {
      throw new Error('An object could not be cloned.');
    };
    await expect(bridge.invoke('call.hangup', { lineId: 'L1' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('delivers topic payloads only (never the IPC event) and unsubscribes once', () => {
    const ipc = new RecordingIpcRenderer();
    const bridge = createContractBridge(ipc);
    const received: unknown[][] = [];
    const stop = bridge.on('phone.snapshot', (...args: unknown[]) => received.push(args));
    ipc.fromMain('plusphone:phone.snapshot', { version: 3 });
    expect(received).toEqual([[{ version: 3 }]]);
    stop();
    stop();
    ipc.fromMain('plusphone:phone.snapshot', { version: 4 });
    expect(received).toHaveLength(1);
    expect(ipc.listenerTotal()).toBe(0);
  });

  it('refuses unknown topics and non-function listeners without calling ipcRenderer', () => {
    const ipc = new RecordingIpcRenderer();
    const bridge = createContractBridge(ipc);
    expect(() => bridge.on('plusphone:media-rpc', () => undefined)).toThrow(TypeError);
    expect(() => bridge.on('call.dial', () => undefined)).toThrow(TypeError);
    expect(() => bridge.on('phone.snapshot', 'nope' as unknown as () => void)).toThrow(TypeError);
    expect(ipc.listenerTotal()).toBe(0);
  });

  it('a throwing listener does not break delivery to the others', () => {
    const ipc = new RecordingIpcRenderer();
    const bridge = createContractBridge(ipc);
    const seen: unknown[] = [];
    const originalError = console.error;
    console.error = () => undefined;
    try {
      bridge.on('phone.snapshot', () => {
        throw new Error('render failed');
      });
      bridge.on('phone.snapshot', (p) => seen.push(p));
      ipc.fromMain('plusphone:phone.snapshot', 1);
    } finally {
      console.error = originalError;
    }
    expect(seen).toEqual([1]);
  });
});
