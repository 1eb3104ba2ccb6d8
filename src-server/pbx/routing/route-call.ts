/**
 * Where a call from one of a tenant's IDs goes. Pure: the directory snapshot in, a decision out.
 * Only the caller's own tenant is searched, so another tenant's extensions are never reached.
 */
import { normalizeDialled } from './dialled-number.js';
import { type CompanyNumber, type PbxIdentity, type TenantDirectory } from '../directory.js';

export interface RouteRequest {
  caller: PbxIdentity;
  tenant: TenantDirectory;
  /** the Request-URI user part as the caller sent it */
  dialled: string;
}

export type RouteDecision =
  /** an ID of the tenant, by extension or by direct number */
  | { kind: 'identity'; target: PbxIdentity; dialled: string; calledLabel: string }
  /** a company number of the tenant: every ID of its ring set rings at once */
  | { kind: 'ringSet'; companyNumber: CompanyNumber; targets: PbxIdentity[]; dialled: string; calledLabel: string }
  | { kind: 'notFound'; dialled: string };

export function routeCall({ caller, tenant, dialled: raw }: RouteRequest): RouteDecision {
  const dialled = normalizeDialled(raw);
  if (dialled === undefined || tenant.tenantId !== caller.tenantId) return { kind: 'notFound', dialled: raw };
  const identity = tenant.identities.find((id) => id.extension === dialled || id.directNumber === dialled);
  if (identity) return { kind: 'identity', target: identity, dialled, calledLabel: identity.displayName };
  const companyNumber = tenant.companyNumbers.find((n) => n.number === dialled);
  if (companyNumber) {
    const targets = companyNumber.ringSet
      .map((idId) => tenant.identities.find((id) => id.idId === idId))
      .filter((id): id is PbxIdentity => id !== undefined);
    return { kind: 'ringSet', companyNumber, targets, dialled, calledLabel: companyNumber.label };
  }
  return { kind: 'notFound', dialled };
}

/**
 * The IDs to ring for a decision. A ring set does not ring the member who is calling it (as a
 * hunt group would not); a call to your own extension rings your other devices.
 */
export function identitiesToRing(decision: RouteDecision, caller: PbxIdentity): PbxIdentity[] {
  switch (decision.kind) {
    case 'identity':
      return [decision.target];
    case 'ringSet':
      return decision.targets.filter((id) => id.idId !== caller.idId);
    case 'notFound':
      return [];
  }
}

/**
 * The number and name the called party sees. Inside the tenant that is the caller's extension
 * (DESIGN.md: internal calls show the extension); calls from outside come with the PSTN gateway.
 */
export function presentedCaller(caller: PbxIdentity): { number: string; displayName: string } {
  return { number: caller.extension, displayName: caller.displayName };
}
