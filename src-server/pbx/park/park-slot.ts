/**
 * One park slot (e.g. *71) and the party waiting in it: the slot owns the party (its BYE frees
 * the slot), plays it music on hold, and arms the recall timer. While the recall rings the party
 * belongs to the recall call (it keeps hearing music on hold there) but still holds the slot, so
 * nobody else can park into it and a retrieval still finds it.
 */
import { type LegEndCause, type LegEndListener } from '../b2bua/leg.js';
import { type Party, type PartyIdentity } from '../b2bua/party.js';
import { AudioPlayer } from '../media/audio-player.js';
import { musicOnHoldSource } from '../media/music-on-hold.js';

export interface ParkedParty {
  party: Party;
  /** who parked it (the recall rings this ID) */
  parkedBy: PartyIdentity;
  /** epoch ms */
  since: number;
}

export interface ParkSlotEvents {
  /** the parked party is gone (hung up) or was taken: the slot is free */
  onFreed(slot: ParkSlot): void;
  /** the recall time is up (the slot decides nothing about whom to ring) */
  onRecallDue(slot: ParkSlot): void;
}

export class ParkSlot implements LegEndListener {
  private parked: ParkedParty | undefined;
  private music: AudioPlayer | undefined;
  private recallTimer: NodeJS.Timeout | undefined;
  /** the recall call has the party now (it still counts as parked here) */
  private recalling = false;

  constructor(
    readonly code: string,
    private readonly events: ParkSlotEvents,
  ) {}

  get isFree(): boolean {
    return this.parked === undefined;
  }

  get occupant(): ParkedParty | undefined {
    return this.parked;
  }

  get isRecalling(): boolean {
    return this.recalling;
  }

  /** Take `party` in: it hears music on hold; after `recallMs` the recall is due. */
  park(party: Party, parkedBy: PartyIdentity, recallMs: number): void {
    if (this.parked) throw new Error(`slot ${this.code} is taken`);
    this.parked = { party, parkedBy, since: Date.now() };
    this.hold(recallMs);
  }

  /** The party leaves the slot (retrieved, or the recall was answered): the caller owns it now. */
  take(): ParkedParty | undefined {
    const parked = this.parked;
    if (!parked) return undefined;
    this.release();
    this.events.onFreed(this);
    return parked;
  }

  /** The recall call has the party (and plays its own music on hold) until it ends. */
  recallStarted(): void {
    if (!this.parked) return;
    this.recalling = true;
    this.stopHolding();
  }

  /** Nobody answered the recall: the party is back in the slot; the next recall after `recallMs`. */
  recallUnanswered(party: Party, recallMs: number): void {
    if (!this.parked || this.parked.party !== party) return;
    this.recalling = false;
    if (party.isDisposed) {
      this.take();
      return;
    }
    this.hold(recallMs);
  }

  /** Hang up whoever is parked (server shutdown). */
  dispose(): void {
    const parked = this.parked;
    this.release();
    parked?.party.hangUp();
  }

  // ---- the parked party, while the slot owns it

  onLegEnded(_leg: object, _cause: LegEndCause): void {
    const parked = this.parked;
    if (!parked || this.recalling) return;
    parked.party.hangUp(); // releases the leg (its BYE was answered already)
    this.take();
  }

  onLegHoldChanged(): void {
    // a parked party putting us on hold changes nothing: it hears music either way
  }

  private hold(recallMs: number): void {
    const parked = this.parked;
    if (!parked) return;
    parked.party.rebind(this);
    this.music = new AudioPlayer(musicOnHoldSource(), (frame) => parked.party.media.pushAudio(frame));
    this.music.start();
    this.recallTimer = setTimeout(() => {
      this.recallTimer = undefined;
      if (this.parked && !this.recalling) this.events.onRecallDue(this);
    }, recallMs);
    this.recallTimer.unref();
  }

  private stopHolding(): void {
    this.music?.stop();
    this.music = undefined;
    if (this.recallTimer) clearTimeout(this.recallTimer);
    this.recallTimer = undefined;
  }

  private release(): void {
    this.stopHolding();
    this.parked = undefined;
    this.recalling = false;
  }
}
