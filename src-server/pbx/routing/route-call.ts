/**
 * Where a call from one of a tenant's IDs goes. Pure: the directory snapshot (and a lookup of
 * who owns a number) in, a decision out. The caller's own tenant is searched first, for
 * extensions, direct numbers and company numbers: that is an internal call. Otherwise a number
 * that another tenant of this server owns — one of its company numbers (its ring set rings) or a
 * direct number (that ID rings) — is an outside call to that tenant, as if over the PSTN.
 * Another tenant's extensions are never reached.
 */
import { normalizeDialled } from './dialled-number.js';
import { type PstnBehaviour } from '../pstn/pstn-numbers.js';
import { type CompanyNumber, type PbxIdentity, type TenantDirectory } from '../directory.js';

export interface RouteRequest {
  caller: PbxIdentity;
  tenant: TenantDirectory;
  /** the Request-URI user part as the caller sent it */
  dialled: string;
  /**
   * The directory of the tenant that owns these digits (company or direct number), if any: how
   * outside calls to other tenants of this server are found. Absent = no outside calls.
   */
  numberOwner?: (digits: string) => TenantDirectory | undefined;
  /**
   * The built-in PSTN simulator's behaviour for a national number that no tenant owns (see
   * pstn/pstn-numbers.ts). Absent = such numbers are not found.
   */
  pstn?: (digits: string) => PstnBehaviour | undefined;
}

/**
 * internal: inside the caller's tenant (free, shows the extension). outside: to another tenant
 * of this server, as an outside call (charged, shows the caller number).
 */
export type RouteScope = 'internal' | 'outside';

export type RouteDecision =
  /** an ID of the tenant, by extension or by direct number */
  | { kind: 'identity'; scope: RouteScope; calleeTenantId: number; target: PbxIdentity; dialled: string; calledLabel: string }
  /** a company number of the tenant: every ID of its ring set rings at once */
  | {
      kind: 'ringSet';
      scope: RouteScope;
      calleeTenantId: number;
      companyNumber: CompanyNumber;
      targets: PbxIdentity[];
      dialled: string;
      calledLabel: string;
    }
  /** a number outside every tenant: the built-in PSTN simulator answers it (an outside call) */
  | { kind: 'pstn'; scope: 'outside'; behaviour: PstnBehaviour; dialled: string; calledLabel: string }
  | { kind: 'notFound'; dialled: string };

export function routeCall({ caller, tenant, dialled: raw, numberOwner, pstn }: RouteRequest): RouteDecision {
  const dialled = normalizeDialled(raw);
  if (dialled === undefined || tenant.tenantId !== caller.tenantId) return { kind: 'notFound', dialled: raw };
  const identity = tenant.identities.find((id) => id.extension === dialled || id.directNumber === dialled);
  if (identity) {
    return { kind: 'identity', scope: 'internal', calleeTenantId: tenant.tenantId, target: identity, dialled, calledLabel: identity.displayName };
  }
  const internal = companyNumberRoute(tenant, dialled, 'internal');
  if (internal) return internal;
  return outsideRoute(caller, dialled, numberOwner) ?? pstnRoute(caller, dialled, numberOwner, pstn) ?? { kind: 'notFound', dialled };
}

/** A full national number that no tenant of this server owns goes to the simulator. */
function pstnRoute(
  caller: PbxIdentity,
  dialled: string,
  numberOwner: RouteRequest['numberOwner'],
  pstn: RouteRequest['pstn'],
): Extract<RouteDecision, { kind: 'pstn' }> | undefined {
  const behaviour = pstn?.(dialled); // undefined for anything but a full national number
  if (!behaviour) return undefined;
  const owner = numberOwner?.(dialled);
  if (owner !== undefined && owner.tenantId !== caller.tenantId) return undefined;
  return { kind: 'pstn', scope: 'outside', behaviour, dialled, calledLabel: '' };
}

/** Another tenant's company number or direct number, never its extensions (and never our own tenant). */
function outsideRoute(
  caller: PbxIdentity,
  dialled: string,
  numberOwner: RouteRequest['numberOwner'],
): Exclude<RouteDecision, { kind: 'notFound' }> | undefined {
  if (!/^0\d{9,10}$/.test(dialled)) return undefined; // only full national numbers leave the tenant
  const owner = numberOwner?.(dialled);
  if (!owner || owner.tenantId === caller.tenantId) return undefined;
  return routeFromOutside(owner, dialled);
}

/** A call from outside (another tenant, the simulator's inbound caller) to one of `owner`'s numbers. */
export function routeFromOutside(owner: TenantDirectory, dialled: string): Extract<RouteDecision, { kind: 'identity' | 'ringSet' }> | undefined {
  const identity = owner.identities.find((id) => id.directNumber === dialled);
  if (identity) {
    return { kind: 'identity', scope: 'outside', calleeTenantId: owner.tenantId, target: identity, dialled, calledLabel: identity.displayName };
  }
  return companyNumberRoute(owner, dialled, 'outside');
}

function companyNumberRoute(
  tenant: TenantDirectory,
  dialled: string,
  scope: RouteScope,
): Extract<RouteDecision, { kind: 'ringSet' }> | undefined {
  const companyNumber = tenant.companyNumbers.find((n) => n.number === dialled);
  if (!companyNumber) return undefined;
  const targets = companyNumber.ringSet
    .map((idId) => tenant.identities.find((id) => id.idId === idId))
    .filter((id): id is PbxIdentity => id !== undefined);
  return { kind: 'ringSet', scope, calleeTenantId: tenant.tenantId, companyNumber, targets, dialled, calledLabel: companyNumber.label };
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
    case 'pstn':
    case 'notFound':
      return [];
  }
}

/**
 * The number and name the called party sees on an internal call: the caller's extension and name
 * (DESIGN.md: internal calls show the extension). Outside calls: see caller-number.ts.
 */
export function presentedCaller(caller: PbxIdentity): { number: string; displayName: string } {
  return { number: caller.extension, displayName: caller.displayName };
}
