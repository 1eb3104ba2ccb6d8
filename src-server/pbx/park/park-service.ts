/**
 * Call park (issue 4 point 4) on the B2BUA:
 * - a REFER to the park code (first free slot) or a slot code parks the referrer's remote party:
 *   202, NOTIFY "100 Trying", the call is detached, the party waits in the slot with music on
 *   hold, NOTIFY "200 OK" (RFC 3515). A taken slot (or none free) gets a 486 sipfrag and the call
 *   stays as it was. The referrer is hung up if it does not hang up itself shortly after.
 * - an INVITE to a slot code from any ID of the tenant retrieves the party (it answers at once);
 *   an empty slot gets 404.
 * - after the tenant's recall time the ID that parked it rings (the party keeps hearing music on
 *   hold). Unanswered, the party goes back to the slot and the recall repeats after the recall
 *   time again, until somebody retrieves it or it hangs up. A retrieval while the recall rings
 *   wins: the recall is cancelled.
 * Slots are per tenant (ParkLot); their states go to the LineStateSink.
 */
import { ParkLot } from './park-lot.js';
import { type ParkSlot } from './park-slot.js';
import { type B2bua, type FeatureInvite, type ReferRequest } from '../b2bua/b2bua.js';
import { type Call } from '../b2bua/call.js';
import { PartyAsCallee } from '../b2bua/party-as-callee.js';
import { PartyAsCaller } from '../b2bua/party-as-caller.js';
import { type Party } from '../b2bua/party.js';
import { recognizeFeatureCode } from '../routing/feature-codes.js';
import { ReferNotifier } from '../transfer/refer-notifier.js';

export const DEFAULT_PARK_RECALL_SECONDS = 180;
/** how long a recall rings the parker's devices before the party goes back to its slot */
const RECALL_RING_MS = 30_000;
/** the referrer usually hangs up after the final NOTIFY; if not, we do */
const REFERRER_GRACE_MS = 2_000;

export class ParkService {
  private readonly lots = new Map<number, ParkLot>();
  private readonly recalls = new Map<ParkSlot, Call>();
  private readonly windingDown = new Set<() => void>();
  private closed = false;

  constructor(private readonly b2bua: B2bua) {}

  /** Take park REFERs and slot-code INVITEs of this B2BUA; closed with it. */
  static register(b2bua: B2bua): ParkService {
    const service = new ParkService(b2bua);
    b2bua.addReferHandler((refer) => service.handleRefer(refer));
    b2bua.setFeatureHandler('parkSlot', (invite) => service.retrieve(invite));
    b2bua.setFeatureHandler('park', (invite) => invite.tx.respond({ status: 404, reason: 'Park By Transfer' }));
    b2bua.addService(service);
    return service;
  }

  /** parties parked now, all tenants */
  get parkedCount(): number {
    let parked = 0;
    for (const lot of this.lots.values()) parked += lot.occupiedCount;
    return parked;
  }

  lot(tenantId: number): ParkLot {
    let lot = this.lots.get(tenantId);
    if (!lot) {
      lot = new ParkLot({
        tenantId,
        slotCodes: this.b2bua.featureCodes.parkSlots,
        lineStates: this.b2bua.lineStates,
        logger: this.logger,
        onRecallDue: (dueLot, slot) => this.recall(dueLot, slot),
      });
      this.lots.set(tenantId, lot);
    }
    return lot;
  }

  handleRefer(refer: ReferRequest): boolean {
    const feature = recognizeFeatureCode(refer.target.user, this.b2bua.featureCodes);
    if (!feature || (feature.kind !== 'park' && feature.kind !== 'parkSlot') || refer.target.replaces) return false;
    const { referrer, other, request, tx } = refer;
    const tenantId = referrer.identity.tenantId;
    const sendInDialog = referrer.sendInDialog?.bind(referrer);
    if (tenantId === undefined || !sendInDialog || this.closed) {
      tx.respond({ status: 403, reason: 'Park Not Allowed' });
      return true;
    }
    const lot = this.lot(tenantId);
    const wanted = lot.freeSlot(feature.kind === 'parkSlot' ? feature.code : undefined);
    tx.respond({ status: 202 });
    const notifier = new ReferNotifier({ sendInDialog }, { referCseq: request.cseq, contactUri: this.b2bua.context.pbx.contactUri });
    notifier.report(100);
    if (!wanted.ok) {
      this.logger.info('park refused', { by: referrer.identity.sipUser, code: feature.code, why: wanted.why });
      notifier.report(wanted.status);
      return true;
    }
    if (!refer.call.detach()) {
      notifier.report(481);
      return true;
    }
    lot.park(wanted.slotCode, other, referrer.identity, this.recallMs(tenantId));
    this.logger.info('call parked', { by: referrer.identity.sipUser, slot: wanted.slotCode, parked: other.identity.number });
    notifier.report(200);
    this.windDown(referrer);
    return true;
  }

  /** An ID dialled a slot code: connect it to the party waiting there. */
  retrieve(invite: FeatureInvite): void {
    const { caller, feature, tx } = invite;
    const lot = this.lot(caller.tenantId);
    const slot = lot.slot(feature.code);
    const parked = slot && !slot.isFree && !slot.occupant?.party.isDisposed ? slot.occupant : undefined;
    if (!slot || !parked) {
      tx.respond({ status: 404, reason: 'Nothing Parked' });
      return;
    }
    const recall = this.recalls.get(slot);
    slot.take();
    const { party } = parked;
    this.logger.info('parked call retrieved', { by: caller.sipUser, slot: feature.code });
    this.b2bua.startPartyCall({
      caller: (listener) => invite.callerLeg(listener),
      callees: (listener) => [new PartyAsCallee(party, listener)],
      presentation: {
        callerNumber: caller.extension,
        callerDisplayName: caller.displayName,
        calledNumber: party.identity.number,
        calledLabel: party.identity.displayName,
      },
      record: {
        kind: 'internal',
        tenantId: caller.tenantId,
        callerIdId: caller.idId,
        callerNumber: caller.extension,
        callerDisplayName: caller.displayName,
        dialled: feature.code,
        calleeIdIds: [],
      },
    });
    // The retrieval has the party now: the recall call (if it was ringing) just stops.
    if (recall) void recall.dispose(487);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const hangUp of [...this.windingDown]) hangUp();
    for (const lot of this.lots.values()) lot.dispose();
    await Promise.all([...this.recalls.values()].map((call) => call.dispose(503)));
  }

  /** The recall time is up: ring the ID that parked the party; it keeps hearing music on hold. */
  private recall(lot: ParkLot, slot: ParkSlot): void {
    const parked = slot.occupant;
    if (!parked || this.closed) return;
    const recallMs = this.recallMs(lot.tenantId);
    const parker = parked.parkedBy.sipUser ? this.b2bua.directory.findIdentityBySipUser(parked.parkedBy.sipUser) : undefined;
    const { party } = parked;
    const presentation = {
      callerNumber: party.identity.number,
      callerDisplayName: party.identity.displayName,
      calledNumber: parker?.extension ?? '',
      calledLabel: `パーク ${slot.code} 呼び戻し`,
    };
    const devices = parker ? this.b2bua.devicesOf([parker], presentation) : undefined;
    slot.recallStarted();
    if (!parker || !devices) {
      // nobody to ring now (the parker is not registered): try again after the recall time
      slot.recallUnanswered(party, recallMs);
      return;
    }
    this.logger.info('park recall', { slot: slot.code, parker: parker.sipUser });
    const call = this.b2bua.startPartyCall({
      caller: (listener) =>
        new PartyAsCaller(party, listener, {
          whileRinging: 'musicOnHold',
          onUnanswered: (back) => slot.recallUnanswered(back, recallMs),
          onAccepted: () => {
            if (slot.occupant?.party === party) slot.take();
          },
        }),
      callees: devices,
      presentation,
      noAnswerTimeoutMs: RECALL_RING_MS,
      record: {
        kind: 'internal',
        tenantId: lot.tenantId,
        callerNumber: party.identity.number,
        callerDisplayName: party.identity.displayName,
        dialled: parker.extension,
        calleeIdIds: [parker.idId],
      },
      onEnded: () => {
        this.recalls.delete(slot);
        // the parked party hung up while its recall rang: the slot is free
        if (slot.occupant?.party === party && party.isDisposed) slot.take();
      },
    });
    this.recalls.set(slot, call);
  }

  /** Hang up the referrer if it has not hung up itself a moment after the final NOTIFY. */
  private windDown(referrer: Party): void {
    const hangUp = (): void => {
      clearTimeout(timer);
      this.windingDown.delete(hangUp);
      referrer.hangUp();
    };
    referrer.rebind({ onLegEnded: hangUp });
    const timer = setTimeout(hangUp, REFERRER_GRACE_MS);
    timer.unref();
    this.windingDown.add(hangUp);
  }

  private recallMs(tenantId: number): number {
    const seconds = this.b2bua.directory.tenantDirectory(tenantId)?.parkRecallSeconds ?? DEFAULT_PARK_RECALL_SECONDS;
    return seconds * 1000;
  }

  private get logger() {
    return this.b2bua.context.logger;
  }
}
