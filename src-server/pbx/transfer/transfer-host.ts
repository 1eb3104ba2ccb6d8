/**
 * What a transfer needs of the B2BUA: dial on behalf of the transferor, find the call of one of
 * the PBX's dialogs (Replaces), and join two answered parties into a new call.
 */
import { type Call } from '../b2bua/call.js';
import { type CallerLegListener } from '../b2bua/caller-leg.js';
import { type CallerSide } from '../b2bua/caller-side.js';
import { type Party, type PartyIdentity } from '../b2bua/party.js';
import { type PbxLogger } from '../logger.js';

export type DialOutcome = { ok: true } | { ok: false; status: number; reason?: string };

export interface TransferHost {
  readonly logger: PbxLogger;
  /** the PBX's Contact URI (the NOTIFYs carry it) */
  readonly contactUri: string;
  /**
   * Start a call from `caller` (the transferred party, `transferee`) to what `dialledBy` dialled,
   * routed as that ID's own INVITE would be (extensions, company numbers, outside numbers, its
   * tenant's rules and channels).
   */
  dialAs(request: {
    dialledBy: PartyIdentity;
    dialled: string;
    transferee: PartyIdentity;
    caller: (listener: CallerLegListener) => CallerSide;
  }): DialOutcome;
  /** The established call one of the PBX's dialogs (ids from the PBX's side) is in, and its party. */
  callOfDialog(callId: string, localTag: string, remoteTag: string): { call: Call; party: Party } | undefined;
  /** A new call of two answered parties; they hear each other at once. */
  join(caller: Party, callee: Party): void;
}
