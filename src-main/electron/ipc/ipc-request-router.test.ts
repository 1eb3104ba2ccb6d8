import { describe, expect, it } from 'vitest';
import type { HandlersOf } from '../../../src-shared/contract/define.js';
import { ipcChannel, ipcMethods, type IpcRequests } from '../../../src-shared/contract/ipc-contract.js';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import { emptyPhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { FakeIpcMain, FakeWebContents, recordingLogger } from '../testing/fake-electron.js';
import { demoAccount } from '../testing/snapshots.js';
import { IpcRequestRouter } from './ipc-request-router.js';

function handlers(calls: Array<{ method: string; args: unknown }>): HandlersOf<IpcRequests> {
  const record =
    <R>(method: string, result: R) =>
    (args: unknown) => {
      calls.push({ method, args });
      return result;
    };
  return {
    // every method answers null unless listed: the contract may grow without touching this test
    ...(Object.fromEntries(ipcMethods.map((method) => [method, record(method, null)])) as unknown as HandlersOf<IpcRequests>),
    'account.login': record('account.login', demoAccount),
    'account.logout': record('account.logout', null),
    'phone.getSnapshot': record('phone.getSnapshot', emptyPhoneSnapshot()),
    'call.dial': record('call.dial', { lineId: 'L1' }),
    'call.answer': () => {
      throw new ContractFailure('not-found', 'その通話はありません');
    },
    'call.reject': record('call.reject', null),
    'call.hangup': record('call.hangup', null),
    'call.hold': record('call.hold', null),
    'call.resume': record('call.resume', null),
    'call.mute': record('call.mute', null),
    'call.dtmf': record('call.dtmf', null),
    'call.transferBlind': record('call.transferBlind', null),
    'call.transferAttended': record('call.transferAttended', null),
    'call.park': record('call.park', null),
    'call.retrieve': record('call.retrieve', { lineId: 'L1' }),
    'call.pickup': record('call.pickup', { lineId: 'L1' }),
    'phone.setDnd': record('phone.setDnd', null),
    'history.list': record('history.list', []),
    'history.markSeen': record('history.markSeen', null),
    'history.callback': record('history.callback', { lineId: 'L1' }),
    'phonebook.search': record('phonebook.search', { total: 0, entries: [] }),
    'phonebook.create': () => {
      throw new ContractFailure('invalid-state', 'ログインしていません');
    },
    'phonebook.update': () => {
      throw new ContractFailure('invalid-state', 'ログインしていません');
    },
    'phonebook.delete': record('phonebook.delete', null),
    'phonebook.importCsv': record('phonebook.importCsv', { imported: true as const, added: 0, deleted: 0, encoding: 'utf8' as const }),
    'phonebook.exportCsv': record('phonebook.exportCsv', { fileName: 'phonebook.csv', encoding: 'utf8' as const, count: 0, base64: '' }),
    'phonebook.lookup': record('phonebook.lookup', null),
    'phonebook.sync': record('phonebook.sync', { version: 0, entries: 0, syncedAt: null, lastError: null }),
  };
}

function setup() {
  const ipcMain = new FakeIpcMain();
  const trusted = new FakeWebContents();
  const stranger = new FakeWebContents();
  const calls: Array<{ method: string; args: unknown }> = [];
  const logger = recordingLogger();
  const router = new IpcRequestRouter({
    ipcMain,
    handlers: handlers(calls),
    isTrustedSender: (event) => event.sender === trusted,
    logger,
  });
  router.start();
  return { ipcMain, trusted, stranger, calls, logger, router };
}

describe('IpcRequestRouter', () => {
  it('registers one handler per contract method, on plusphone:<method>', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(ipcMethods.map((m) => ipcChannel(m)).sort());
  });

  it('runs a trusted call with validated arguments and answers with a Result', async () => {
    const { ipcMain, trusted, calls } = setup();
    const result = await ipcMain.invoke(ipcChannel('call.dial'), trusted.senderEvent(), { target: ' 203 ' });
    expect(result).toEqual({ ok: true, value: { lineId: 'L1' } });
    expect(calls).toEqual([{ method: 'call.dial', args: { target: '203' } }]);
  });

  it('answers invalid arguments and handler failures as {ok:false} without calling or throwing', async () => {
    const { ipcMain, trusted, calls } = setup();
    const bad = await ipcMain.invoke(ipcChannel('call.dial'), trusted.senderEvent(), { target: 'rm -rf /' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const missing = await ipcMain.invoke(ipcChannel('call.hangup'), trusted.senderEvent(), undefined);
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const failing = await ipcMain.invoke(ipcChannel('call.answer'), trusted.senderEvent(), { lineId: 'nope' });
    expect(failing).toEqual({ ok: false, error: { code: 'not-found', message: 'その通話はありません' } });
    expect(calls).toEqual([]);
  });

  it('refuses an untrusted sender before validating or running anything, and logs it', async () => {
    const { ipcMain, stranger, calls, logger } = setup();
    const result = await ipcMain.invoke(ipcChannel('account.logout'), stranger.senderEvent('https://evil.example/'), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ method: 'account.logout' }) }),
    );
  });

  it('removes every handler on dispose', () => {
    const { ipcMain, router } = setup();
    router.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
