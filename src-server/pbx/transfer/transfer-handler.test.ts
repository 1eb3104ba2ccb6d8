/**
 * The transfer logic with fake parties and a fake B2BUA host: what is answered, what the referrer
 * is NOTIFYed, who is joined with whom and who is hung up — including the unhappy paths that the
 * integration tests do not reach (someone else's dialog, early-only, hang-ups mid-transfer).
 */
import { describe, expect, it } from 'vitest';
import { handleTransferRefer } from './transfer-handler.js';
import { type TransferHost, type DialOutcome } from './transfer-host.js';
import { type ReferRequest } from '../b2bua/b2bua.js';
import { type Call } from '../b2bua/call.js';
import { type CallerLegListener } from '../b2bua/caller-leg.js';
import { type CallerSide } from '../b2bua/caller-side.js';
import { type LegEndListener } from '../b2bua/leg.js';
import { type Party, type PartyIdentity } from '../b2bua/party.js';
import { silentLogger } from '../logger.js';
import { type MessageBody } from '../sip/serialize.js';
import { type SipRequest, type SipResponse } from '../sip/message.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';
import { EMBEDDED_PBX_PROFILE } from '../../provisioning/embedded-pbx-profile.js';
import { type HeaderList } from '../sip/headers.js';

class FakeParty implements Party {
  readonly media = { onAudio: () => () => undefined, pushAudio: () => undefined };
  readonly finished = Promise.resolve();
  isDisposed = false;
  listener: LegEndListener | undefined;
  hungUp = false;
  readonly notifies: string[] = [];

  constructor(readonly identity: PartyIdentity) {}

  rebind(listener: LegEndListener): void {
    this.listener = listener;
  }

  hangUp(): void {
    this.hungUp = true;
    this.isDisposed = true;
  }

  sendInDialog(_method: string, headers: HeaderList, body?: MessageBody): Promise<SipResponse | undefined> {
    const state = headers.find(([name]) => name === 'Subscription-State')?.[1] ?? '';
    this.notifies.push(`${body?.content.trim() ?? ''} | ${state.split(';')[0]}`);
    return Promise.resolve({ status: 200 } as SipResponse);
  }

  /** the endpoint sends BYE */
  bye(): void {
    this.listener?.onLegEnded(this, 'bye');
  }
}

const A = (): FakeParty => new FakeParty({ number: '201', displayName: '佐藤', sipUser: '05030000001', tenantId: 1 });
const B = (): FakeParty => new FakeParty({ number: '202', displayName: '鈴木', sipUser: '05030000002', tenantId: 1 });
const C = (): FakeParty => new FakeParty({ number: '203', displayName: '高橋', sipUser: '05030000003', tenantId: 1 });

/** What a transfer uses of a Call: its state and detach(). */
interface FakeCall {
  detached: boolean;
  currentState: Call['currentState'];
  detach(): { caller: Party; callee: Party } | undefined;
}

function fakeCall(caller: Party, callee: Party): FakeCall {
  const call: FakeCall = {
    detached: false,
    currentState: 'established',
    detach() {
      if (call.currentState !== 'established') return undefined;
      call.currentState = 'ended';
      call.detached = true;
      return { caller, callee };
    },
  };
  return call;
}

const asCall = (call: FakeCall): Call => call as unknown as Call;

function fakeTx(): ServerTransaction & { answers: string[] } {
  const answers: string[] = [];
  return { answers, respond: (spec: { status: number; reason?: string }) => answers.push(`${spec.status}${spec.reason ? ` ${spec.reason}` : ''}`) } as unknown as ServerTransaction & {
    answers: string[];
  };
}

interface Dialled {
  dialledBy: PartyIdentity;
  dialled: string;
  transferee: PartyIdentity;
  caller: (listener: CallerLegListener) => CallerSide;
}

class FakeHost implements TransferHost {
  readonly logger = silentLogger;
  readonly contactUri = 'sip:pbx@plusphone.test;transport=ws';
  readonly dialled: Dialled[] = [];
  readonly joined: Array<[Party, Party]> = [];
  readonly dialogs = new Map<string, { call: Call; party: Party }>();
  outcome: DialOutcome = { ok: true };

  dialAs(request: Dialled): DialOutcome {
    this.dialled.push(request);
    return this.outcome;
  }

  callOfDialog(callId: string, localTag: string, remoteTag: string): { call: Call; party: Party } | undefined {
    return this.dialogs.get(`${callId}/${localTag}/${remoteTag}`);
  }

  join(caller: Party, callee: Party): void {
    this.joined.push([caller, callee]);
    caller.rebind({ onLegEnded: () => undefined });
    callee.rebind({ onLegEnded: () => undefined });
  }
}

const callListener = (): CallerLegListener & { ended: string[] } => {
  const ended: string[] = [];
  return { ended, onCallerCancelled: () => ended.push('cancelled'), onLegEnded: (_l, cause) => ended.push(cause) };
};

function refer(call: FakeCall, referrer: Party, other: Party, user: string, replaces?: ReferRequest['target']['replaces']): ReferRequest & { tx: ReturnType<typeof fakeTx> } {
  const tx = fakeTx();
  return { call: asCall(call), referrer, other, request: { cseq: 5 } as SipRequest, tx, target: { user, replaces } };
}

const codes = EMBEDDED_PBX_PROFILE.featureCodes;

describe('blind transfer', () => {
  it('202, NOTIFY 100, dials as the transferor with the transferee as caller; 180 and 200 follow, then the transferor is hung up', async () => {
    const [a, b] = [A(), B()];
    const host = new FakeHost();
    const call = fakeCall(a, b);
    const r = refer(call, b, a, '203');
    expect(handleTransferRefer(host, codes, r)).toBe(true);
    expect(r.tx.answers).toEqual(['202']);
    expect(call.detached).toBe(true);
    expect(host.dialled).toHaveLength(1);
    expect(host.dialled[0]).toMatchObject({ dialledBy: b.identity, dialled: '203', transferee: a.identity });

    const listener = callListener();
    const side = host.dialled[0]!.caller(listener);
    side.ringing();
    side.ringing();
    await side.accept();
    expect(b.notifies).toEqual(['SIP/2.0 100 Trying | active', 'SIP/2.0 180 Ringing | active', 'SIP/2.0 200 OK | terminated']);
    expect(b.hungUp).toBe(true);
    expect(a.hungUp).toBe(false);
    side.terminate(200); // the new call ends later: that hangs up A as its caller
  });

  it('the target fails while the transferor waits: NOTIFY with the status, and the two are joined again', () => {
    const [a, b] = [A(), B()];
    const host = new FakeHost();
    handleTransferRefer(host, codes, refer(fakeCall(a, b), b, a, '0312340003'));
    const side = host.dialled[0]!.caller(callListener());
    side.terminate(486);
    expect(b.notifies.at(-1)).toBe('SIP/2.0 486 Busy Here | terminated');
    expect(host.joined).toEqual([[a, b]]);
    expect(a.hungUp || b.hungUp).toBe(false);
  });

  it('a target that cannot be dialled at all (404) joins the two again at once', () => {
    const [a, b] = [A(), B()];
    const host = new FakeHost();
    host.outcome = { ok: false, status: 404 };
    handleTransferRefer(host, codes, refer(fakeCall(a, b), b, a, '999'));
    expect(b.notifies).toEqual(['SIP/2.0 100 Trying | active', 'SIP/2.0 404 Not Found | terminated']);
    expect(host.joined).toEqual([[a, b]]);
  });

  it('the transferor hangs up right after 202: the transfer goes on; if it then fails, the transferee is hung up', () => {
    const [a, b] = [A(), B()];
    const host = new FakeHost();
    handleTransferRefer(host, codes, refer(fakeCall(a, b), b, a, '203'));
    b.bye();
    expect(b.hungUp).toBe(true); // released (no BYE goes out after its own)
    const side = host.dialled[0]!.caller(callListener());
    side.terminate(480);
    expect(host.joined).toEqual([]);
    expect(a.hungUp).toBe(true);
  });

  it('the transferee hangs up while the target rings: NOTIFY 487 and the transferor is hung up too', () => {
    const [a, b] = [A(), B()];
    const host = new FakeHost();
    handleTransferRefer(host, codes, refer(fakeCall(a, b), b, a, '203'));
    const listener = callListener();
    const side = host.dialled[0]!.caller(listener);
    a.bye(); // A's BYE reaches the new call as a cancel of its caller …
    expect(listener.ended).toEqual(['cancelled']);
    side.terminate(487); // … which ends it with 487
    expect(b.notifies.at(-1)).toBe('SIP/2.0 487 Request Terminated | terminated');
    expect(b.hungUp).toBe(true);
    expect(host.joined).toEqual([]);
  });

  it('a second REFER while one is in progress gets 491', () => {
    const [a, b] = [A(), B()];
    const host = new FakeHost();
    handleTransferRefer(host, codes, refer(fakeCall(a, b), b, a, '203'));
    const tx = fakeTx();
    b.listener?.onLegRefer?.(b, { cseq: 6 } as SipRequest, tx);
    expect(tx.answers).toEqual(['491 Transfer In Progress']);
  });

  it('leaves REFERs to the park codes to park, and refuses a party that is no ID', () => {
    const [a, b] = [A(), B()];
    const host = new FakeHost();
    const call = fakeCall(a, b);
    expect(handleTransferRefer(host, codes, refer(call, b, a, codes.park))).toBe(false);
    expect(handleTransferRefer(host, codes, refer(call, b, a, codes.parkSlots[0]!))).toBe(false);
    expect(call.detached).toBe(false);
    const outsider = new FakeParty({ number: '09012345678', displayName: '' });
    const r = refer(call, outsider, a, '203');
    expect(handleTransferRefer(host, codes, r)).toBe(true);
    expect(r.tx.answers).toEqual(['403 Transfer Not Allowed']);
    expect(call.detached).toBe(false);
  });
});

describe('attended transfer', () => {
  function consultation(): { a: FakeParty; b1: FakeParty; b2: FakeParty; c: FakeParty; first: ReturnType<typeof fakeCall>; second: ReturnType<typeof fakeCall>; host: FakeHost } {
    const [a, b1, b2, c] = [A(), B(), B(), C()];
    const first = fakeCall(a, b1); // A called B
    const second = fakeCall(b2, c); // B called C
    const host = new FakeHost();
    host.dialogs.set('call2/pbx-tag/b-tag', { call: asCall(second), party: b2 });
    return { a, b1, b2, c, first, second, host };
  }

  it('joins the transferee with the target, NOTIFY 200, and hangs up both transferor legs', () => {
    const { a, b1, b2, c, first, second, host } = consultation();
    const r = refer(first, b1, a, 'pbx', { callId: 'call2', toTag: 'pbx-tag', fromTag: 'b-tag', earlyOnly: false });
    expect(handleTransferRefer(host, codes, r)).toBe(true);
    expect(r.tx.answers).toEqual(['202']);
    expect(b1.notifies).toEqual(['SIP/2.0 100 Trying | active', 'SIP/2.0 200 OK | terminated']);
    expect(host.joined).toEqual([[a, c]]);
    expect([b1.hungUp, b2.hungUp, a.hungUp, c.hungUp]).toEqual([true, true, false, false]);
    expect([first.detached, second.detached]).toEqual([true, true]);
  });

  it('accepts the tags the other way round', () => {
    const { a, b1, c, first, host } = consultation();
    handleTransferRefer(host, codes, refer(first, b1, a, 'pbx', { callId: 'call2', toTag: 'b-tag', fromTag: 'pbx-tag', earlyOnly: false }));
    expect(host.joined).toEqual([[a, c]]);
  });

  it("NOTIFY 481 for an unknown dialog or another ID's dialog, 486 for early-only; nothing moves", () => {
    const { a, b1, first, second, host } = consultation();
    const cases: Array<[ReferRequest['target']['replaces'], string]> = [
      [{ callId: 'nope', toTag: 'pbx-tag', fromTag: 'b-tag', earlyOnly: false }, '481'],
      [{ callId: 'call2', toTag: 'pbx-tag', fromTag: 'b-tag', earlyOnly: true }, '486'],
    ];
    for (const [replaces, status] of cases) {
      handleTransferRefer(host, codes, refer(first, b1, a, 'pbx', replaces));
      expect(b1.notifies.at(-1)).toMatch(new RegExp(`^SIP/2.0 ${status} .* \\| terminated$`));
    }
    // C's own dialog named by D, who is not in it
    const d = new FakeParty({ number: '204', displayName: '田中', sipUser: '05030000004', tenantId: 1 });
    handleTransferRefer(host, codes, refer(fakeCall(a, d), d, a, 'pbx', { callId: 'call2', toTag: 'pbx-tag', fromTag: 'b-tag', earlyOnly: false }));
    expect(d.notifies.at(-1)).toMatch(/^SIP\/2.0 481 /);
    expect(host.joined).toEqual([]);
    expect([first.detached, second.detached]).toEqual([false, false]);
  });

  it('NOTIFY 481 when the other call is no longer established', () => {
    const { a, b1, first, second, host } = consultation();
    second.currentState = 'ended';
    handleTransferRefer(host, codes, refer(first, b1, a, 'pbx', { callId: 'call2', toTag: 'pbx-tag', fromTag: 'b-tag', earlyOnly: false }));
    expect(b1.notifies.at(-1)).toMatch(/^SIP\/2.0 481 /);
    expect(host.joined).toEqual([]);
    expect(first.detached).toBe(false);
  });
});
