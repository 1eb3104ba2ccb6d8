/**
 * The caller number (発信外線番号) an outside call presents. Pure.
 *
 * - The caller may ask for a number with `P-Preferred-Identity: <sip:NUMBER@domain>` (RFC 3325;
 *   the softphone sends it when the user picks a number for one call). It is presented only if
 *   the caller may call from it: one of its tenant's company numbers or its own direct number
 *   (the shared CallerNumberPolicy). Anything else is refused (403), never silently replaced,
 *   so a misconfigured phone is noticed.
 * - Without the header, the ID's default caller number, as the store has it at this call (the
 *   customer page's change applies to the very next call).
 * - The display name is the caller's company (tenant) name: an outside party sees which company
 *   calls, as a CNAM would show it, not the name of the desk inside it.
 *
 * Internal calls ignore this (they show the extension) except that a refused request is refused
 * there too: a phone asking for a number its tenant does not own is misbehaving either way.
 */
import { mayCallFrom } from '../../policy/caller-number-policy.js';
import { type PbxIdentity, type TenantDirectory } from '../directory.js';
import { normalizeDialled } from './dialled-number.js';

export type CallerNumberDecision =
  | { kind: 'present'; number: string; displayName: string; requested: boolean }
  | { kind: 'forbidden'; requested: string };

/** Header name the embedded PBX reads (provisioned to softphones as `headers.callerNumberRequest`). */
export const CALLER_NUMBER_REQUEST_HEADER = 'P-Preferred-Identity';

/**
 * The number a P-Preferred-Identity value asks for: the user part of its sip:/sips: URI or the
 * number of a tel: URI, as digits. A value we cannot read gives the raw text (never owned, so
 * refused); undefined when there is no header.
 */
export function requestedCallerNumber(headerValue: string | undefined): string | undefined {
  if (headerValue === undefined) return undefined;
  const value = headerValue.trim().slice(0, 256);
  const uri = /<([^>]*)>/.exec(value)?.[1] ?? value.split(/[\s;]/)[0] ?? '';
  const match = /^(?:sips?:([^@;>]+)@|tel:([^;>]+))/i.exec(uri.trim());
  const user = match?.[1] ?? match?.[2];
  return (user !== undefined ? normalizeDialled(user) : undefined) ?? value;
}

export function decideCallerNumber(caller: PbxIdentity, callerTenant: TenantDirectory, requested: string | undefined): CallerNumberDecision {
  const displayName = callerTenant.tenantName;
  if (requested !== undefined) {
    return mayCallFrom(caller, callerTenant.companyNumbers, requested)
      ? { kind: 'present', number: requested, displayName, requested: true }
      : { kind: 'forbidden', requested };
  }
  // The store keeps the default within the policy; should it ever fall outside (a number removed
  // in between), the ID's own direct number is the one it may always show.
  const fallback = mayCallFrom(caller, callerTenant.companyNumbers, caller.defaultCallerNumber) ? caller.defaultCallerNumber : caller.directNumber;
  return { kind: 'present', number: fallback, displayName, requested: false };
}
