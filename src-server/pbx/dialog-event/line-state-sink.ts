/**
 * What the B2BUA and the park lot tell about who is doing what, for the dialog event package
 * (RFC 4235): every subscribed ID's state (idle, ringing with whom, busy) and every park slot's.
 * The B2BUA calls it; `LineStateBoard` (this folder) keeps the states and NOTIFYs subscribers.
 * Calls must be cheap and must never throw back into call handling.
 */
export interface PartyOnLine {
  /** digits: the remote party's number as shown (extension, direct or outside number) */
  number: string;
  displayName: string;
}

export interface LineStateSink {
  /** a device of this ID is being rung for `callId` by `caller` */
  ringing(sipUser: string, callId: string, caller: PartyOnLine): void;
  /** this ID is in `callId` (it answered, or it is calling out) with `remote` */
  busy(sipUser: string, callId: string, remote: PartyOnLine, direction: 'initiator' | 'recipient'): void;
  /** this ID is no longer in `callId` (ended, answered elsewhere, transferred, parked away) */
  released(sipUser: string, callId: string): void;
  /** a caller waits in a park slot (slot code, e.g. "*71") since `since` (epoch ms) */
  slotOccupied(tenantId: number, slotCode: string, parked: PartyOnLine, since: number): void;
  slotFreed(tenantId: number, slotCode: string): void;
}

/** For a PBX without subscriptions (and unit tests): remembers nothing. */
export const nullLineStateSink: LineStateSink = {
  ringing: () => undefined,
  busy: () => undefined,
  released: () => undefined,
  slotOccupied: () => undefined,
  slotFreed: () => undefined,
};
