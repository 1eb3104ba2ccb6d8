/**
 * A tenant's park slots (the profile's slot codes, e.g. *71–*78): park into a given slot or the
 * first free one, find and take a parked party, and tell the LineStateSink every change (the
 * dialog event package shows slot states with the parked party's number).
 */
import { ParkSlot, type ParkedParty } from './park-slot.js';
import { type Party, type PartyIdentity } from '../b2bua/party.js';
import { type LineStateSink } from '../dialog-event/line-state-sink.js';
import { describeError, type PbxLogger } from '../logger.js';

export type ParkOutcome = { ok: true; slotCode: string } | { ok: false; status: 404 | 486; why: string };

export interface ParkLotOptions {
  tenantId: number;
  slotCodes: readonly string[];
  lineStates: LineStateSink;
  logger: PbxLogger;
  /** the recall time is up for a slot */
  onRecallDue: (lot: ParkLot, slot: ParkSlot) => void;
}

export class ParkLot {
  private readonly slots = new Map<string, ParkSlot>();

  constructor(private readonly options: ParkLotOptions) {
    for (const code of options.slotCodes) {
      this.slots.set(
        code,
        new ParkSlot(code, {
          onFreed: (slot) => this.report(() => options.lineStates.slotFreed(options.tenantId, slot.code)),
          onRecallDue: (slot) => options.onRecallDue(this, slot),
        }),
      );
    }
  }

  get tenantId(): number {
    return this.options.tenantId;
  }

  /** How many parties wait in this lot. */
  get occupiedCount(): number {
    return [...this.slots.values()].filter((slot) => !slot.isFree).length;
  }

  slot(code: string): ParkSlot | undefined {
    return this.slots.get(code);
  }

  /** The slot `code` wants, or the first free one when `code` is undefined (the plain park code). */
  freeSlot(code: string | undefined): ParkOutcome {
    if (code === undefined) {
      const free = [...this.slots.values()].find((slot) => slot.isFree);
      return free ? { ok: true, slotCode: free.code } : { ok: false, status: 486, why: 'every park slot is taken' };
    }
    const slot = this.slots.get(code);
    if (!slot) return { ok: false, status: 404, why: 'no such park slot' };
    return slot.isFree ? { ok: true, slotCode: code } : { ok: false, status: 486, why: 'park slot taken' };
  }

  park(code: string, party: Party, parkedBy: PartyIdentity, recallMs: number): void {
    const slot = this.slots.get(code);
    if (!slot) throw new Error(`no park slot ${code}`);
    slot.park(party, parkedBy, recallMs);
    const since = slot.occupant?.since ?? Date.now();
    const { number, displayName } = party.identity;
    this.report(() => this.options.lineStates.slotOccupied(this.options.tenantId, code, { number, displayName }, since));
  }

  /** Take the party out of slot `code` (retrieval); undefined when nobody is parked there. */
  take(code: string): ParkedParty | undefined {
    return this.slots.get(code)?.take();
  }

  dispose(): void {
    for (const slot of this.slots.values()) {
      if (!slot.isFree) {
        slot.dispose();
        this.report(() => this.options.lineStates.slotFreed(this.options.tenantId, slot.code));
      }
    }
  }

  private report(tell: () => void): void {
    try {
      tell();
    } catch (error) {
      this.options.logger.error('line state sink failed (park)', { tenant: this.options.tenantId, error: describeError(error) });
    }
  }
}
