import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientTransactionTable } from './client-transactions.js';
import { ServerTransactionTable } from './server-transactions.js';
import { createSipParser } from '../sip/parse.js';
import { silentLogger } from '../logger.js';
import { type SipRequest, type SipResponse } from '../sip/message.js';

const parser = createSipParser(silentLogger);

function request(method: string, branch: string, extra = ''): SipRequest {
  const text = [
    `${method} sip:x@plusphone.test SIP/2.0`,
    `Via: SIP/2.0/WSS h.invalid;branch=${branch}`,
    'From: <sip:a@plusphone.test>;tag=f',
    `To: <sip:x@plusphone.test>${extra}`,
    'Call-ID: c1',
    `CSeq: 1 ${method}`,
    '',
    '',
  ].join('\r\n');
  const parsed = parser.parse(Buffer.from(text));
  if (parsed.kind !== 'request') throw new Error('bad fixture');
  return parsed;
}

function response(status: number, method: string, branch: string): SipResponse {
  const text = [`SIP/2.0 ${status} X`, `Via: SIP/2.0/WS p;branch=${branch}`, 'From: <sip:a@b>;tag=f', 'To: <sip:x@y>;tag=t', 'Call-ID: c1', `CSeq: 1 ${method}`, '', ''].join('\r\n');
  const parsed = parser.parse(Buffer.from(text));
  if (parsed.kind !== 'response') throw new Error('bad fixture');
  return parsed;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ServerTransactionTable', () => {
  it('matches a retransmission, the CANCEL of an INVITE and the ACK of its non-2xx', () => {
    const sent: string[] = [];
    const table = new ServerTransactionTable({ send: (t) => sent.push(t) > 0 });
    const invite = request('INVITE', 'z9hG4bKi');
    const tx = table.create(invite);
    expect(tx).toBeDefined();
    tx?.respond({ status: 180, toTag: 'tt' });
    expect(table.find(request('INVITE', 'z9hG4bKi'))).toBe(tx);
    expect(table.findCancelled(request('CANCEL', 'z9hG4bKi'))).toBe(tx);
    expect(table.findCancelled(request('CANCEL', 'z9hG4bKother'))).toBeUndefined();
    tx?.respond({ status: 486, toTag: 'tt' });
    expect(tx?.localTag).toBe('tt');
    expect(table.find(request('ACK', 'z9hG4bKi', ';tag=tt'))).toBe(tx);
    expect(tx?.respond({ status: 200 })).toBe(false); // nothing after a final
    expect(sent).toHaveLength(2);
    table.dispose();
  });

  it('forgets a non-INVITE transaction at its final response and limits pending ones', () => {
    const table = new ServerTransactionTable({ send: () => true }, { maxPending: 2 });
    const first = table.create(request('OPTIONS', 'z9hG4bK1'));
    table.create(request('OPTIONS', 'z9hG4bK2'));
    expect(table.create(request('OPTIONS', 'z9hG4bK3'))).toBeUndefined();
    first?.respond({ status: 200 });
    expect(table.find(request('OPTIONS', 'z9hG4bK1'))).toBeUndefined();
    expect(table.create(request('OPTIONS', 'z9hG4bK3'))).toBeDefined();
    table.dispose();
  });

  it('keeps a bounded number of answered INVITE transactions, forgetting the oldest', () => {
    const table = new ServerTransactionTable({ send: () => true }, { maxCompleted: 2 });
    for (const branch of ['z9hG4bK1', 'z9hG4bK2', 'z9hG4bK3']) table.create(request('INVITE', branch))?.respond({ status: 407 });
    expect(table.find(request('ACK', 'z9hG4bK1'))).toBeUndefined();
    expect(table.find(request('ACK', 'z9hG4bK2'))?.status).toBe(407);
    expect(table.find(request('ACK', 'z9hG4bK3'))?.status).toBe(407);
    table.dispose();
  });

  it('keeps nothing for a final response sent after the connection closed', () => {
    const table = new ServerTransactionTable({ send: () => false });
    const tx = table.create(request('INVITE', 'z9hG4bKlate'));
    table.dispose();
    tx?.respond({ status: 487 });
    expect(table.find(request('ACK', 'z9hG4bKlate'))).toBeUndefined();
  });
});

describe('ClientTransactionTable', () => {
  it('routes responses by branch and method and times out silent peers', () => {
    vi.useFakeTimers();
    const table = new ClientTransactionTable(1000);
    const seen: number[] = [];
    let timedOut = 0;
    table.start('z9hG4bKa', 'INVITE', { onResponse: (r) => seen.push(r.status), onTimeout: () => timedOut++ });
    table.start('z9hG4bKb', 'BYE', { onResponse: (r) => seen.push(r.status), onTimeout: () => timedOut++ });
    expect(table.dispatch(response(180, 'INVITE', 'z9hG4bKa'))).toBe(true);
    expect(table.dispatch(response(200, 'CANCEL', 'z9hG4bKa'))).toBe(false);
    expect(table.dispatch(response(200, 'INVITE', 'z9hG4bKzz'))).toBe(false);
    vi.advanceTimersByTime(1500);
    expect(timedOut).toBe(1); // the BYE; the INVITE got a provisional in time
    expect(seen).toEqual([180]);
    expect(table.size).toBe(1);
    table.dispose();
    expect(table.size).toBe(0);
  });
});
