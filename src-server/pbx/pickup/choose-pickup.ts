/**
 * Which ringing call a pickup answers. Pure: the picker, its tenant and the calls ringing now in,
 * a choice out. Group pickup (`*8`) takes the longest-ringing call that rings a device of a member
 * of the picker's pickup group; directed pickup (`**` + extension) the longest-ringing call that
 * rings that extension's ID (any ID of the tenant). A call the picker is making is never picked up.
 */
import { pickupGroup } from './pickup-group.js';
import { type PbxIdentity, type TenantDirectory } from '../directory.js';

export interface RingingCall<T> {
  call: T;
  /** when the call started ringing (any clock, the same for all calls) */
  ringingSince: number;
  /** the SIP user of the ID making the call, when an ID makes it */
  callerSipUser: string | undefined;
  /** SIP users (IDs; direct numbers, unique on the server) with a device ringing for it now */
  ringingSipUsers: readonly string[];
}

export type PickupRequest = { kind: 'group' } | { kind: 'directed'; extension: string };

export type PickupChoice<T> =
  /** `from`: the ID whose ringing call is taken */
  | { ok: true; call: T; from: PbxIdentity }
  | { ok: false; status: 404; reason: string };

export const NOTHING_TO_PICK_UP = { ok: false, status: 404, reason: 'No Call To Pick Up' } as const;

export function choosePickup<T>(
  request: PickupRequest,
  picker: PbxIdentity,
  tenant: TenantDirectory,
  ringing: ReadonlyArray<RingingCall<T>>,
): PickupChoice<T> {
  let candidates: PbxIdentity[];
  if (request.kind === 'group') {
    candidates = pickupGroup(picker, tenant);
  } else {
    const target = tenant.tenantId === picker.tenantId ? tenant.identities.find((id) => id.extension === request.extension) : undefined;
    if (!target) return { ok: false, status: 404, reason: 'No Such Extension' };
    if (target.idId === picker.idId) return { ok: false, status: 404, reason: 'Cannot Pick Up Own Line' };
    candidates = [target];
  }
  let best: { call: RingingCall<T>; from: PbxIdentity } | undefined;
  for (const call of ringing) {
    if (call.callerSipUser === picker.sipUser) continue;
    const from = candidates.find((id) => call.ringingSipUsers.includes(id.sipUser));
    if (!from) continue;
    if (!best || call.ringingSince < best.call.ringingSince) best = { call, from };
  }
  return best ? { ok: true, call: best.call.call, from: best.from } : NOTHING_TO_PICK_UP;
}
