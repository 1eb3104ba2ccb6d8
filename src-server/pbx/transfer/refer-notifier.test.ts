import { afterEach, describe, expect, it, vi } from 'vitest';
import { Grammar } from 'sip.js';
import { ReferNotifier, sipfrag, type InDialogRequester } from './refer-notifier.js';
import { type HeaderList } from '../sip/headers.js';
import { type MessageBody } from '../sip/serialize.js';

interface Sent {
  method: string;
  headers: Record<string, string>;
  body: MessageBody | undefined;
}

function recorder(): InDialogRequester & { sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    sendInDialog(method: string, headers: HeaderList, body?: MessageBody) {
      sent.push({ method, headers: Object.fromEntries(headers), body });
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ReferNotifier', () => {
  it('sends the RFC 3515 sequence: active while in progress, terminated;reason=noresource at the end', () => {
    const dialog = recorder();
    const notifier = new ReferNotifier(dialog, { referCseq: 7, contactUri: 'sip:pbx@plusphone.test;transport=ws' });
    notifier.report(100);
    notifier.report(180);
    notifier.report(180); // a second device ringing: not repeated
    notifier.report(200);
    notifier.report(486); // after the final: ignored
    expect(dialog.sent.map((s) => s.body?.content)).toEqual(['SIP/2.0 100 Trying\r\n', 'SIP/2.0 180 Ringing\r\n', 'SIP/2.0 200 OK\r\n']);
    expect(dialog.sent.every((s) => s.method === 'NOTIFY')).toBe(true);
    expect(dialog.sent[0]?.headers).toEqual({
      Event: 'refer;id=7',
      'Subscription-State': 'active;expires=60',
      Contact: '<sip:pbx@plusphone.test;transport=ws>',
    });
    expect(dialog.sent[2]?.headers['Subscription-State']).toBe('terminated;reason=noresource');
    expect(dialog.sent[0]?.body?.contentType).toBe('message/sipfrag;version=2.0');
    expect(notifier.isTerminated).toBe(true);
    expect(notifier.lastStatus).toBe(200);
  });

  it('ends with a failure status, and the body parses as sipfrag', () => {
    const dialog = recorder();
    const notifier = new ReferNotifier(dialog, { referCseq: 2 });
    notifier.report(100);
    notifier.report(486);
    const body = dialog.sent[1]?.body?.content ?? '';
    expect(body).toBe('SIP/2.0 486 Busy Here\r\n');
    expect(Grammar.parse(body.trim(), 'sipfrag')).toMatchObject({ status_code: 486, reason_phrase: 'Busy Here' });
    expect(dialog.sent[1]?.headers.Contact).toBeUndefined();
  });

  it('counts the expiry down from the start of the subscription', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const dialog = recorder();
    const notifier = new ReferNotifier(dialog, { referCseq: 1, expiresSeconds: 30 });
    notifier.report(100);
    vi.setSystemTime(1_000_000 + 12_500);
    notifier.report(180);
    expect(dialog.sent.map((s) => s.headers['Subscription-State'])).toEqual(['active;expires=30', 'active;expires=18']);
  });

  it('ignores nonsense statuses and stops after a failed send', () => {
    const onSendFailed = vi.fn();
    let calls = 0;
    const notifier = new ReferNotifier(
      {
        sendInDialog: () => {
          calls++;
          throw new Error('leg gone');
        },
      },
      { referCseq: 1, onSendFailed },
    );
    notifier.report(99);
    notifier.report(700);
    notifier.report(1.5);
    expect(calls).toBe(0);
    notifier.report(100);
    notifier.report(200);
    expect(calls).toBe(1);
    expect(onSendFailed).toHaveBeenCalledOnce();
    expect(notifier.isTerminated).toBe(true);
  });

  it('stops when the referrer answers a NOTIFY with an error (its subscription is gone)', async () => {
    const onSendFailed = vi.fn();
    const sent: string[] = [];
    const notifier = new ReferNotifier(
      {
        sendInDialog: (_m, _h, body) => {
          sent.push(body?.content ?? '');
          return Promise.resolve({ status: 481 });
        },
      },
      { referCseq: 1, onSendFailed },
    );
    notifier.report(100);
    await vi.waitFor(() => expect(onSendFailed).toHaveBeenCalledOnce());
    notifier.report(180);
    expect(sent).toEqual(['SIP/2.0 100 Trying\r\n']);
  });
});

describe('sipfrag', () => {
  it('keeps a remote reason phrase but never lets it break the line', () => {
    expect(sipfrag(603, 'Decline\r\nVia: evil')).toBe('SIP/2.0 603 Decline Via: evil\r\n');
    expect(sipfrag(480, '   ')).toBe('SIP/2.0 480 Temporarily Unavailable\r\n');
    expect(sipfrag(404, 'x'.repeat(200)).length).toBeLessThan(90);
  });
});
