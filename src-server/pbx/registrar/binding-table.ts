/**
 * Registrations: which contacts, on which connections, each ID (address of record) has now.
 * A contact is the same device when its +sip.instance matches (RFC 5626) or, without one, when
 * its URI matches.
 */
import { type SipConnection } from '../transport/sip-connection.js';

/** What identifies one registered device of an ID. */
export interface DeviceKey {
  readonly contactUri: string;
  /** +sip.instance (RFC 5626): the same device across reconnects, whatever its contact URI */
  readonly instanceId: string | undefined;
  readonly regId: string | undefined;
}

export interface Binding extends DeviceKey {
  /** the ID's SIP user (direct number) */
  readonly aor: string;
  readonly connection: SipConnection;
  readonly callId: string;
  readonly cseq: number;
  readonly expiresAtMs: number;
}

export class BindingTable {
  private readonly byAor = new Map<string, Binding[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The existing binding a new registration of this contact would replace. */
  findSame(aor: string, device: DeviceKey): Binding | undefined {
    return this.byAor.get(aor)?.find((b) => sameDevice(b, device));
  }

  put(binding: Binding): void {
    const list = this.byAor.get(binding.aor) ?? [];
    const index = list.findIndex((b) => sameDevice(b, binding));
    if (index >= 0) {
      list[index] = binding;
    } else {
      list.push(binding);
      this.count++;
    }
    this.byAor.set(binding.aor, list);
  }

  remove(aor: string, device: DeviceKey): void {
    this.filter(aor, (b) => !sameDevice(b, device));
  }

  removeAll(aor: string): void {
    this.filter(aor, () => false);
  }

  removeConnection(connection: SipConnection): void {
    for (const aor of [...this.byAor.keys()]) this.filter(aor, (b) => b.connection !== connection);
  }

  countOnConnection(connection: SipConnection): number {
    let n = 0;
    for (const list of this.byAor.values()) for (const b of list) if (b.connection === connection) n++;
    return n;
  }

  /** Live bindings of an ID, oldest first. */
  current(aor: string, nowMs: number): Binding[] {
    return (this.byAor.get(aor) ?? []).filter((b) => b.expiresAtMs > nowMs && b.connection.isOpen);
  }

  sweep(nowMs: number): void {
    for (const aor of [...this.byAor.keys()]) this.filter(aor, (b) => b.expiresAtMs > nowMs && b.connection.isOpen);
  }

  clear(): void {
    this.byAor.clear();
    this.count = 0;
  }

  private filter(aor: string, keep: (b: Binding) => boolean): void {
    const list = this.byAor.get(aor);
    if (!list) return;
    const kept = list.filter(keep);
    this.count -= list.length - kept.length;
    if (kept.length > 0) this.byAor.set(aor, kept);
    else this.byAor.delete(aor);
  }
}

function sameDevice(a: DeviceKey, b: DeviceKey): boolean {
  if (a.instanceId !== undefined && b.instanceId !== undefined) return a.instanceId === b.instanceId && a.regId === b.regId;
  return a.contactUri === b.contactUri;
}
