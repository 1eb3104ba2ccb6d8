import { describe, expect, it } from 'vitest';
import { dispatchRequest } from './dispatch.js';
import { ipcRequests, type IpcRequests } from './ipc-contract.js';
import { mediaRequests } from './media-contract.js';
import { ContractFailure } from './result.js';
import type { HandlersOf } from './define.js';

function recordingHandlers() {
  const calls: Array<[string, unknown]> = [];
  const handlers = Object.fromEntries(
    Object.keys(ipcRequests).map((method) => [
      method,
      (args: unknown) => {
        calls.push([method, args]);
        if (method === 'call.hangup') throw new ContractFailure('invalid-state', 'この回線は通話中ではありません');
        if (method === 'call.answer') throw new Error('boom');
        return method === 'call.dial' ? { lineId: 'l1' } : null;
      },
    ]),
  ) as unknown as HandlersOf<IpcRequests>;
  return { calls, handlers };
}

describe('dispatchRequest over the IPC contract', () => {
  it('passes validated, trimmed arguments to the handler and wraps the value', async () => {
    const { calls, handlers } = recordingHandlers();
    const result = await dispatchRequest(ipcRequests, handlers, 'call.dial', { target: ' 03-5555-0100 ' });
    expect(result).toEqual({ ok: true, value: { lineId: 'l1' } });
    expect(calls).toEqual([['call.dial', { target: '03-5555-0100' }]]);
  });

  it.each([
    ['unknown method', 'phone.selfDestruct', {}, 'unknown method'],
    ['prototype key as method', '__proto__', {}, 'unknown method'],
    ['non-string method', 42, {}, 'unknown method'],
    ['missing argument', 'call.answer', {}, 'lineId'],
    ['wrong type', 'call.answer', { lineId: 7 }, 'lineId'],
    ['empty dial target', 'call.dial', { target: '' }, '発信先を入力してください'],
    ['script in dial target', 'call.dial', { target: '<img src=x onerror=alert(1)>' }, '発信先に使えない文字があります'],
    ['caller number that is not digits', 'call.dial', { target: '201', callerNumber: '03-5555' }, 'callerNumber'],
    ['bad server URL', 'account.login', { serverUrl: 'not a url', loginId: 'a', password: 'b' }, 'serverUrl'],
    ['empty password', 'account.login', { serverUrl: 'http://127.0.0.1:1', loginId: 'a', password: '' }, 'パスワードを入力してください'],
  ])('refuses %s without calling a handler', async (_name, method, args, message) => {
    const { calls, handlers } = recordingHandlers();
    const result = await dispatchRequest(ipcRequests, handlers, method, args);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-argument');
      expect(result.error.message).toContain(message);
    }
    expect(calls).toEqual([]);
  });

  it('turns a ContractFailure into its code and message', async () => {
    const { handlers } = recordingHandlers();
    const result = await dispatchRequest(ipcRequests, handlers, 'call.hangup', { lineId: 'x' });
    expect(result).toEqual({ ok: false, error: { code: 'invalid-state', message: 'この回線は通話中ではありません' } });
  });

  it('turns any other thrown error into an internal error instead of throwing', async () => {
    const { handlers } = recordingHandlers();
    const result = await dispatchRequest(ipcRequests, handlers, 'call.answer', { lineId: 'x' });
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('validates media requests the same way', async () => {
    const seen: unknown[] = [];
    const handlers = Object.fromEntries(
      Object.keys(mediaRequests).map((m) => [m, (a: unknown) => (seen.push(a), null)]),
    ) as never;
    expect((await dispatchRequest(mediaRequests, handlers, 'media.sendDtmf', { sdhId: 's', tones: '12#' })).ok).toBe(true);
    const bad = await dispatchRequest(mediaRequests, handlers, 'media.sendDtmf', { sdhId: 's', tones: 'x;rm' });
    expect(bad.ok).toBe(false);
    const defaults = await dispatchRequest(mediaRequests, handlers, 'media.getDescription', { sdhId: 's' });
    expect(defaults.ok).toBe(true);
    expect(seen.at(-1)).toEqual({ sdhId: 's', hold: false, iceRestart: false });
  });
});
