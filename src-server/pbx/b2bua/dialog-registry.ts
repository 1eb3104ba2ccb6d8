/** The dialogs the PBX takes part in, so in-dialog requests find their leg. */
import { dialogKey } from './dialog.js';
import { type SipRequest } from '../sip/message.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';
import { type SipConnection } from '../transport/sip-connection.js';

export interface DialogEndpoint {
  readonly connection: SipConnection;
  /** `tx` is undefined for ACK, which has no transaction of its own */
  handleInDialog(request: SipRequest, tx: ServerTransaction | undefined): void;
  /**
   * A request of this dialog came on another connection: take it over if allowed (a leg whose
   * connection dropped, and the new one is registered as the leg's SIP user). True when adopted.
   */
  resumeOn?(connection: SipConnection, isRegisteredOn: (sipUser: string) => boolean): boolean;
}

export class DialogRegistry {
  private readonly byKey = new Map<string, DialogEndpoint>();

  get size(): number {
    return this.byKey.size;
  }

  add(key: string, endpoint: DialogEndpoint): void {
    this.byKey.set(key, endpoint);
  }

  remove(key: string, endpoint: DialogEndpoint): void {
    if (this.byKey.get(key) === endpoint) this.byKey.delete(key);
  }

  /** The endpoint of the dialog a request belongs to: our tag is in To, theirs in From. */
  find(request: SipRequest): DialogEndpoint | undefined {
    if (!request.toTag) return undefined;
    return this.byKey.get(dialogKey(request.callId, request.toTag, request.fromTag));
  }

  /** The endpoint of a dialog named by its ids as the PBX has them (a Replaces header's). */
  findByIds(callId: string, localTag: string, remoteTag: string): DialogEndpoint | undefined {
    return this.byKey.get(dialogKey(callId, localTag, remoteTag));
  }
}
