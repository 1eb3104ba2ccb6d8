/**
 * Who is doing what right now, per SIP user and per park slot, as the B2BUA reports it
 * (`LineStateSink`), kept so that a new subscriber gets the full picture at once and every change
 * reaches the subscribers watching that resource (RFC 4235 dialog states).
 */
import { type LineStateSink, type PartyOnLine } from './line-state-sink.js';

/** RFC 4235 §3.7.1: early = ringing, confirmed = in a call. */
export type DialogStateName = 'early' | 'confirmed';

export interface DialogOnLine {
  /** unique within the resource: the PBX call id */
  id: string;
  state: DialogStateName;
  direction: 'initiator' | 'recipient';
  remote: PartyOnLine;
  /** epoch ms the dialog entered its state */
  since: number;
}

export type WatchedResource = { kind: 'identity'; sipUser: string } | { kind: 'parkSlot'; tenantId: number; slotCode: string };

export type ResourceListener = () => void;

const resourceKey = (resource: WatchedResource): string =>
  resource.kind === 'identity' ? `id:${resource.sipUser}` : `slot:${resource.tenantId}:${resource.slotCode}`;

export class LineStateBoard implements LineStateSink {
  private readonly dialogs = new Map<string, Map<string, DialogOnLine>>();
  private readonly listeners = new Map<string, Set<ResourceListener>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The resource's dialogs now (empty = idle / a free slot). */
  dialogsOf(resource: WatchedResource): DialogOnLine[] {
    return [...(this.dialogs.get(resourceKey(resource))?.values() ?? [])];
  }

  /** Be told whenever the resource's dialogs change. Returns the unsubscribe function. */
  watch(resource: WatchedResource, listener: ResourceListener): () => void {
    const key = resourceKey(resource);
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(key) === set) this.listeners.delete(key);
    };
  }

  get watcherCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  ringing(sipUser: string, callId: string, caller: PartyOnLine): void {
    this.put({ kind: 'identity', sipUser }, { id: callId, state: 'early', direction: 'recipient', remote: caller, since: this.now() });
  }

  busy(sipUser: string, callId: string, remote: PartyOnLine, direction: 'initiator' | 'recipient'): void {
    this.put({ kind: 'identity', sipUser }, { id: callId, state: 'confirmed', direction, remote, since: this.now() });
  }

  released(sipUser: string, callId: string): void {
    this.drop({ kind: 'identity', sipUser }, callId);
  }

  slotOccupied(tenantId: number, slotCode: string, parked: PartyOnLine, since: number): void {
    this.put({ kind: 'parkSlot', tenantId, slotCode }, { id: `park-${tenantId}-${slotCode}-${since}`, state: 'confirmed', direction: 'recipient', remote: parked, since });
  }

  slotFreed(tenantId: number, slotCode: string): void {
    const resource: WatchedResource = { kind: 'parkSlot', tenantId, slotCode };
    const key = resourceKey(resource);
    if (!this.dialogs.has(key)) return;
    this.dialogs.delete(key);
    this.changed(key);
  }

  private put(resource: WatchedResource, dialog: DialogOnLine): void {
    const key = resourceKey(resource);
    let map = this.dialogs.get(key);
    if (!map) this.dialogs.set(key, (map = new Map()));
    const previous = map.get(dialog.id);
    // the same state reported again (e.g. a second device of the ID ringing) changes nothing
    if (previous && previous.state === dialog.state && previous.direction === dialog.direction) return;
    map.set(dialog.id, dialog);
    this.changed(key);
  }

  private drop(resource: WatchedResource, dialogId: string): void {
    const key = resourceKey(resource);
    const map = this.dialogs.get(key);
    if (!map?.delete(dialogId)) return;
    if (map.size === 0) this.dialogs.delete(key);
    this.changed(key);
  }

  private changed(key: string): void {
    for (const listener of [...(this.listeners.get(key) ?? [])]) {
      try {
        listener();
      } catch {
        // a subscriber failing must never reach call handling (LineStateSink contract)
      }
    }
  }
}
