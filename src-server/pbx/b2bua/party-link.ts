/**
 * Two connected parties: they hear each other (AudioBridge) unless one holds the call; then the
 * other hears music on hold from the PBX until the call is resumed (issue 4 point 7).
 */
import { type Party } from './party.js';
import { AudioBridge } from '../media/audio-bridge.js';
import { AudioPlayer } from '../media/audio-player.js';
import { musicOnHoldSource } from '../media/music-on-hold.js';

export class PartyLink {
  private bridge: AudioBridge | undefined;
  private readonly holders = new Set<Party>();
  private readonly music = new Map<Party, AudioPlayer>();
  private disposed = false;

  constructor(
    private readonly a: Party,
    private readonly b: Party,
    heldAtStart: Iterable<Party> = [],
  ) {
    for (const party of heldAtStart) if (party === a || party === b) this.holders.add(party);
    this.update();
  }

  get isOnHold(): boolean {
    return this.holders.size > 0;
  }

  /** `party` put the call on hold (true) or resumed it (false). */
  setHeld(party: Party, held: boolean): void {
    if (this.disposed || (party !== this.a && party !== this.b)) return;
    if (held) this.holders.add(party);
    else this.holders.delete(party);
    this.update();
  }

  dispose(): void {
    this.disposed = true;
    this.bridge?.dispose();
    this.bridge = undefined;
    for (const player of this.music.values()) player.stop();
    this.music.clear();
  }

  private update(): void {
    if (this.disposed) return;
    if (this.holders.size === 0) {
      for (const player of this.music.values()) player.stop();
      this.music.clear();
      this.bridge ??= new AudioBridge(this.a.media, this.b.media);
      return;
    }
    this.bridge?.dispose();
    this.bridge = undefined;
    for (const party of [this.a, this.b]) {
      // the party that holds hears nothing from us (it answered recvonly / inactive)
      const wantsMusic = !this.holders.has(party);
      const playing = this.music.get(party);
      if (wantsMusic && !playing) {
        const player = new AudioPlayer(musicOnHoldSource(), (frame) => party.media.pushAudio(frame));
        this.music.set(party, player);
        player.start();
      } else if (!wantsMusic && playing) {
        playing.stop();
        this.music.delete(party);
      }
    }
  }
}
