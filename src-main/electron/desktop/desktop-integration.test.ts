import { describe, expect, it } from 'vitest';
import { applyStartAtLogin, registerDialProtocols, type DesktopAppLike } from './desktop-integration.js';

function fakeApp(isPackaged: boolean, refuse: string[] = []) {
  const calls: unknown[][] = [];
  const app: DesktopAppLike = {
    isPackaged,
    setAsDefaultProtocolClient: (...args: unknown[]) => {
      calls.push(args);
      if (args[0] === 'callto' && refuse.includes('throw')) throw new Error('registry locked');
      return !refuse.includes(String(args[0]));
    },
    setLoginItemSettings: (settings) => calls.push(['login', settings]),
  };
  return { app, calls };
}

describe('registerDialProtocols', () => {
  it('registers tel, callto and sip for the installed app', () => {
    const { app, calls } = fakeApp(true, ['sip']);
    expect(registerDialProtocols(app, { execPath: 'C:\\PlusPhone.exe', entryScript: undefined })).toEqual({ tel: true, callto: true, sip: false });
    expect(calls).toEqual([['tel'], ['callto'], ['sip']]);
  });

  it('in development, registers electron.exe with the entry script, and survives a refusal that throws', () => {
    const { app, calls } = fakeApp(false, ['throw']);
    const result = registerDialProtocols(app, { execPath: 'C:\\electron.exe', entryScript: 'C:\\dev\\out\\main\\index.js' });
    expect(result).toEqual({ tel: true, callto: false, sip: true });
    expect(calls[0]).toEqual(['tel', 'C:\\electron.exe', ['C:\\dev\\out\\main\\index.js', '--']]);
  });
});

describe('applyStartAtLogin', () => {
  it('starts hidden in the tray at login, or not at all', () => {
    const { app, calls } = fakeApp(true);
    applyStartAtLogin(app, true);
    applyStartAtLogin(app, false);
    expect(calls).toEqual([
      ['login', { openAtLogin: true, args: ['--hidden'] }],
      ['login', { openAtLogin: false, args: [] }],
    ]);
  });
});
