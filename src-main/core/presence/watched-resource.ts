import type { ColleagueSnapshot, ParkSlotSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import type { DialogEntry, DialogInfoDocument, DialogParty } from './dialog-info.js';

/**
 * What one subscription (a colleague or a park slot) currently says: the dialogs of the last
 * full NOTIFY with later partial ones merged in (RFC 4235 §4.1: versions only go up; an older
 * or repeated version is ignored). `known` is false until the first NOTIFY and again when the
 * subscription ends, so the UI can show "unknown" rather than a stale "idle".
 */
export class WatchedResource {
  private dialogs = new Map<string, DialogEntry & { receivedAt: number }>();
  private version = -1;
  private known = false;

  get isKnown(): boolean {
    return this.known;
  }

  /** Apply a NOTIFY body; false when it changed nothing (stale version). */
  apply(document: DialogInfoDocument, receivedAt: number): boolean {
    if (document.version <= this.version && this.known) return false;
    this.version = document.version;
    if (document.state === 'full') this.dialogs = new Map();
    for (const dialog of document.dialogs) {
      if (dialog.state === 'terminated') this.dialogs.delete(dialog.id);
      else this.dialogs.set(dialog.id, { ...dialog, receivedAt });
    }
    this.known = true;
    return true;
  }

  /** The subscription ended or was never accepted: we no longer know. */
  forget(): void {
    this.known = false;
    this.version = -1;
    this.dialogs.clear();
  }

  colleagueState(): Pick<ColleagueSnapshot, 'state' | 'caller'> {
    if (!this.known) return { state: 'unknown' };
    const live = [...this.dialogs.values()];
    const confirmed = live.find((dialog) => dialog.state === 'confirmed');
    if (confirmed) return withCaller('busy', confirmed.remote);
    // ringing = someone calls them; their own outgoing call still ringing counts as busy
    const ringing = live.find((dialog) => dialog.direction !== 'initiator');
    if (ringing) return withCaller('ringing', ringing.remote);
    if (live.length > 0) return withCaller('busy', live[0]?.remote ?? null);
    return { state: 'idle' };
  }

  parkSlotState(): Pick<ParkSlotSnapshot, 'occupied' | 'parked' | 'since'> {
    const dialog = [...this.dialogs.values()][0];
    if (!this.known || !dialog) return { occupied: false };
    const since = dialog.durationSeconds === null ? dialog.receivedAt : dialog.receivedAt - dialog.durationSeconds * 1000;
    return {
      occupied: true,
      ...(dialog.remote ? { parked: { number: dialog.remote.number, displayName: dialog.remote.displayName } } : {}),
      since,
    };
  }
}

function withCaller(state: 'busy' | 'ringing', remote: DialogParty | null): Pick<ColleagueSnapshot, 'state' | 'caller'> {
  return remote ? { state, caller: { number: remote.number, displayName: remote.displayName } } : { state };
}
