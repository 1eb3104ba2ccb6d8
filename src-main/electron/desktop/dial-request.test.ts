import { describe, expect, it } from 'vitest';
import { dialRequestFromArgv, parseDialArgument, parseDialUrl } from './dial-request.js';

describe('parseDialUrl', () => {
  it('reads tel:, callto: and sip: links', () => {
    expect(parseDialUrl('tel:03-1234-5678')).toEqual({ ok: true, target: '03-1234-5678' });
    expect(parseDialUrl('TEL:+81-3-1234-5678;phone-context=example.com')).toEqual({ ok: true, target: '+81-3-1234-5678' });
    expect(parseDialUrl('callto://0312345678')).toEqual({ ok: true, target: '0312345678' });
    expect(parseDialUrl('tel:%E2%80%9003%201234')).toEqual({ ok: true, target: '‐03 1234' });
    expect(parseDialUrl('sip:202@plusphone.test')).toEqual({ ok: true, target: '202' });
    expect(parseDialUrl('sip:*71@plusphone.test;transport=ws')).toEqual({ ok: true, target: '*71' });
  });

  it('is null for other links and refuses hostile ones with a reason', () => {
    expect(parseDialUrl('https://example.com/?tel:123')).toBeNull();
    expect(parseDialUrl('javascript:alert(1)')).toBeNull();
    for (const hostile of ['tel:', 'tel:abc', 'tel:03-1234%0d%0aX: y', 'tel:%E0%A4%A', 'sip:a b@x', 'sip:<script>@x', `tel:${'1'.repeat(300)}`, 'sip:202@exa mple']) {
      const result = parseDialUrl(hostile);
      expect(result, hostile).toMatchObject({ ok: false });
      if (result && !result.ok) expect(result.reason).not.toMatch(/[\r\n]/);
    }
  });
});

describe('command lines', () => {
  it('reads --dial in both spellings, with a number or a link', () => {
    expect(parseDialArgument(['PlusPhone.exe', '--dial', '0312345678'])).toEqual({ ok: true, target: '0312345678' });
    expect(parseDialArgument(['PlusPhone.exe', '--dial=tel:0312345678'])).toEqual({ ok: true, target: '0312345678' });
    expect(parseDialArgument(['PlusPhone.exe', '--dial'])).toMatchObject({ ok: false });
    expect(parseDialArgument(['PlusPhone.exe', '--dial', 'rm -rf /'])).toMatchObject({ ok: false });
    expect(parseDialArgument(['PlusPhone.exe'])).toBeNull();
  });

  it('finds the link Windows passes to the protocol handler, never the executable path', () => {
    expect(dialRequestFromArgv(['C:\\PlusPhone\\PlusPhone.exe', '--', 'tel:0355550100'])).toEqual({ ok: true, target: '0355550100' });
    expect(dialRequestFromArgv(['tel:0355550100'])).toBeNull();
    expect(dialRequestFromArgv(['PlusPhone.exe', '--hidden'])).toBeNull();
  });
});

describe('dialRequestFromSelection', () => {
  it('finds the number in selected text, or says there is none', async () => {
    const { dialRequestFromSelection } = await import('./dial-request.js');
    expect(dialRequestFromSelection('TEL: 03-1234-5678（代表）')).toEqual({ ok: true, target: '03-1234-5678' });
    expect(dialRequestFromSelection('内線 202 へ')).toEqual({ ok: true, target: '202' });
    expect(dialRequestFromSelection('０９０－１２３４－５６７８')).toEqual({ ok: true, target: '０９０－１２３４－５６７８' });
    expect(dialRequestFromSelection('tel:0355550100')).toEqual({ ok: true, target: '0355550100' });
    expect(dialRequestFromSelection('no number here')).toMatchObject({ ok: false });
    expect(dialRequestFromSelection('')).toMatchObject({ ok: false });
  });
});
