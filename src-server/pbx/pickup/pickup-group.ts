/**
 * Who may pick up whose calls. Decided for this project: an ID's pickup group is every other ID
 * that shares at least one company-number ring set (鳴り分け) with it — the colleagues who hear
 * the same company numbers ring. Nothing else is configured, and an ID is never in its own group.
 */
import { type PbxIdentity, type TenantDirectory } from '../directory.js';

export function pickupGroup(picker: PbxIdentity, tenant: TenantDirectory): PbxIdentity[] {
  if (tenant.tenantId !== picker.tenantId) return [];
  const shared = new Set<number>();
  for (const number of tenant.companyNumbers) {
    if (!number.ringSet.includes(picker.idId)) continue;
    for (const idId of number.ringSet) if (idId !== picker.idId) shared.add(idId);
  }
  return tenant.identities.filter((id) => shared.has(id.idId));
}
