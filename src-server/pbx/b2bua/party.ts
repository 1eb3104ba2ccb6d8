/**
 * A Party is an answered end of a conversation that a feature can move into another Call (park,
 * transfer, pickup, retrieve): SIP legs (CallerLeg, CalleeLeg) and in-process ends (PstnCaller,
 * PstnEndpoint) all are. Whoever owns a Party `rebind`s it, so its BYE, transport loss, hold,
 * REFER and DTMF reach the new owner from then on. See docs/ARCHITECTURE.md (PBX: re-wiring).
 */
import { type LegEndListener } from './leg.js';
import { type AudioPort } from '../media/audio-port.js';
import { type HeaderList } from '../sip/headers.js';
import { type SipResponse } from '../sip/message.js';
import { type MessageBody } from '../sip/serialize.js';

/** Who a party is, as the other side of its call sees it. */
export interface PartyIdentity {
  /** the number shown for it: an extension (internal), a company / direct / outside number */
  number: string;
  displayName: string;
  /** the ID's SIP user (direct number) when the party is one of our IDs' devices */
  sipUser?: string;
  /** the tenant of that ID */
  tenantId?: number;
}

export interface Party {
  readonly media: AudioPort;
  /** settles when the party has released everything (dialog, media) */
  readonly finished: Promise<void>;
  readonly isDisposed: boolean;
  readonly identity: PartyIdentity;
  /** from now on its BYE / transport loss / hold / REFER / DTMF go to `listener` */
  rebind(listener: LegEndListener): void;
  /** end it (BYE for a SIP leg), with an optional Reason header value; the listener is not told */
  hangUp(reason?: string): void;
  /**
   * SIP legs only: send a request inside the party's dialog (NOTIFY, INFO, …). Resolves with the
   * final response, or undefined when none came (timeout, connection gone, no dialog).
   */
  sendInDialog?(method: string, headers: HeaderList, body?: MessageBody): Promise<SipResponse | undefined>;
}

/** The party inside adapters (PartyAsCaller / PartyAsCallee wrap one): what a feature re-uses. */
export function innermostParty(party: Party): Party {
  let current: Party = party;
  while (isWrapper(current)) current = current.wrapped;
  return current;
}

interface WrappingParty extends Party {
  readonly wrapped: Party;
}

function isWrapper(party: Party): party is WrappingParty {
  return 'wrapped' in party && (party as WrappingParty).wrapped !== undefined;
}
