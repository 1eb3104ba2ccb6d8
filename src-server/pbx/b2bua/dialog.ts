/**
 * One SIP dialog of a leg (RFC 3261 §12): the identifiers, the parties as header values, the
 * remote target and both CSeq sequences, plus building the requests we send inside it.
 */
import { newBranch } from '../sip/tokens.js';
import { serializeRequest, type MessageBody } from '../sip/serialize.js';
import { type HeaderList } from '../sip/headers.js';
import { type PbxAddress } from '../sip/pbx-address.js';
import { type SipConnection } from '../transport/sip-connection.js';

export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}\n${localTag}\n${remoteTag}`;
}

export interface SipDialogInit {
  connection: SipConnection;
  pbx: PbxAddress;
  callId: string;
  localTag: string;
  remoteTag: string;
  /** our From (as UAC) or To (as UAS) header value, tag included */
  localParty: string;
  remoteParty: string;
  remoteTarget: string;
  localCseq: number;
  remoteCseq: number | undefined;
}

export interface BuiltRequest {
  text: string;
  branch: string;
  cseq: number;
}

export class SipDialog {
  /** replaced when the endpoint continues the dialog on a new connection (Leg.resumeOn) */
  connection: SipConnection;
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly localParty: string;
  readonly remoteParty: string;
  remoteTarget: string;
  private localCseq: number;
  private remoteCseq: number | undefined;

  constructor(private readonly init: SipDialogInit) {
    this.connection = init.connection;
    this.callId = init.callId;
    this.localTag = init.localTag;
    this.remoteTag = init.remoteTag;
    this.localParty = init.localParty;
    this.remoteParty = init.remoteParty;
    this.remoteTarget = init.remoteTarget;
    this.localCseq = init.localCseq;
    this.remoteCseq = init.remoteCseq;
  }

  get key(): string {
    return dialogKey(this.callId, this.localTag, this.remoteTag);
  }

  /** RFC 3261 §12.2.2: a request with a lower CSeq than the last one is out of order. */
  acceptRemoteCseq(cseq: number): boolean {
    if (this.remoteCseq !== undefined && cseq <= this.remoteCseq) return false;
    this.remoteCseq = cseq;
    return true;
  }

  /** A new in-dialog request (BYE, INFO, re-INVITE), with its own branch and the next CSeq. */
  request(method: string, options: { headers?: HeaderList; body?: MessageBody } = {}): BuiltRequest {
    this.localCseq += 1;
    const branch = newBranch();
    const text = serializeRequest({
      method,
      requestUri: this.remoteTarget,
      via: { transport: this.connection.transport, host: this.init.pbx.viaHost, branch },
      from: this.localParty,
      to: this.remoteParty,
      callId: this.callId,
      cseq: this.localCseq,
      contact: method === 'INVITE' ? this.init.pbx.contactUri : undefined,
      headers: options.headers,
      body: options.body,
    });
    return { text, branch, cseq: this.localCseq };
  }

  /** ACK for a 2xx to our INVITE (a new transaction: own branch, the INVITE's CSeq number). */
  ackFor2xx(inviteCseq: number, body?: MessageBody): string {
    return serializeRequest({
      method: 'ACK',
      requestUri: this.remoteTarget,
      via: { transport: this.connection.transport, host: this.init.pbx.viaHost, branch: newBranch() },
      from: this.localParty,
      to: this.remoteParty,
      callId: this.callId,
      cseq: inviteCseq,
      body,
    });
  }
}
