/**
 * The far side of one SIP dialog with the PBX, for a RawSipClient in PBX tests: builds in-dialog
 * requests (re-INVITE for hold / resume, REFER, INFO, BYE) from either end of a call — the caller
 * (an OutgoingCall) or a device that answered an INVITE from the PBX — and answers the PBX's
 * in-dialog requests (NOTIFY after a REFER).
 */
import { type OutgoingCall, type RawSipClient } from './raw-sip-client.js';
import { type SipRequest, type SipResponse } from '../../src-server/pbx/sip/message.js';

export interface DialogIds {
  callId: string;
  /** our From value (tag included) */
  local: string;
  /** the PBX's side (tag included) */
  remote: string;
  /** where in-dialog requests go (the PBX's Contact) */
  target: string;
}

export class SipDialogPeer {
  private constructor(
    readonly client: RawSipClient,
    readonly ids: DialogIds,
    private cseq: number,
    /** an OutgoingCall keeps its own CSeq: share it */
    private readonly outgoing?: OutgoingCall,
  ) {}

  /** The caller's dialog of an established OutgoingCall. */
  static ofCaller(call: OutgoingCall): SipDialogPeer {
    return new SipDialogPeer(call.client, { callId: call.callId, local: call.from, remote: call.to, target: 'sip:pbx@plusphone.test;transport=ws' }, call.cseq, call);
  }

  /** The dialog of a device that answered `invite` with `toTag`. */
  static ofAnswered(client: RawSipClient, invite: SipRequest, toTag: string): SipDialogPeer {
    const contact = /<([^>]+)>/.exec(invite.header('contact') ?? '')?.[1] ?? 'sip:pbx@plusphone.test;transport=ws';
    const local = `${invite.header('to') ?? ''};tag=${toTag}`;
    return new SipDialogPeer(client, { callId: invite.callId, local, remote: invite.header('from') ?? '', target: contact }, 1000);
  }

  get callId(): string {
    return this.ids.callId;
  }

  /** Send a request in the dialog; resolves with its final response. */
  async request(method: string, options: { headers?: string[]; body?: string; contentType?: string } = {}): Promise<SipResponse> {
    const cseq = this.nextCseq();
    const built = this.client.buildRequest({
      method,
      requestUri: this.ids.target,
      from: this.ids.local,
      to: this.ids.remote,
      callId: this.ids.callId,
      cseq,
      headers: options.headers,
      body: options.body,
      contentType: options.contentType,
      withContact: method === 'INVITE' || method === 'REFER',
    });
    this.client.send(built.text);
    const response = (await this.client.next(
      (m) => m.kind === 'response' && m.callId === this.ids.callId && m.cseq === cseq && m.cseqMethod === method && m.status >= 200,
      `final response to ${method}`,
      15_000,
    )) as SipResponse;
    if (method === 'INVITE' && response.status >= 200 && response.status < 300) this.ack(cseq);
    return response;
  }

  /** re-INVITE with `sdp` (e.g. a=sendonly to hold); ACKs a 2xx. */
  reinvite(sdp: string): Promise<SipResponse> {
    return this.request('INVITE', { body: sdp });
  }

  refer(target: string, extraHeaders: string[] = []): Promise<SipResponse> {
    return this.request('REFER', { headers: [`Refer-To: <${target}>`, ...extraHeaders] });
  }

  dtmf(digit: string, durationMs = 160): Promise<SipResponse> {
    return this.request('INFO', { body: `Signal=${digit}\r\nDuration=${durationMs}\r\n`, contentType: 'application/dtmf-relay' });
  }

  bye(): Promise<SipResponse> {
    return this.request('BYE');
  }

  /** The next request the PBX sends in this dialog (NOTIFY, BYE, …), answered with `status`. */
  async receive(method: string, status = 200, timeoutMs = 15_000): Promise<SipRequest> {
    const request = await this.client.nextRequest(method, this.ids.callId, timeoutMs);
    this.client.reply(request, status);
    return request;
  }

  private nextCseq(): number {
    if (this.outgoing) {
      this.outgoing.cseq += 1;
      return this.outgoing.cseq;
    }
    this.cseq += 1;
    return this.cseq;
  }

  private ack(cseq: number): void {
    this.client.send(
      this.client.buildRequest({ method: 'ACK', requestUri: this.ids.target, from: this.ids.local, to: this.ids.remote, callId: this.ids.callId, cseq }).text,
    );
  }
}
