import type { CompanyNumber, PbxIdentity } from '../pbx/directory.js';

/**
 * CallerNumberPolicy (発信外線番号): an ID may show any of its tenant's company numbers or its
 * own direct number on an outgoing call; nothing else. One rule for everyone who applies it:
 * provisioning (the choices a softphone offers), the customer page (the default an admin may
 * set) and the PBX (what an outgoing call is allowed to present).
 */
export interface CallerNumberOption {
  number: string;
  label: string;
  kind: 'contract' | 'additional' | 'direct';
}

export const DIRECT_NUMBER_LABEL = '直通';

export function callerNumberOptions(identity: PbxIdentity, companyNumbers: readonly CompanyNumber[]): CallerNumberOption[] {
  const options: CallerNumberOption[] = companyNumbers.map(({ number, label, kind }) => ({ number, label, kind }));
  options.push({ number: identity.directNumber, label: DIRECT_NUMBER_LABEL, kind: 'direct' });
  return options;
}

export function mayCallFrom(identity: PbxIdentity, companyNumbers: readonly CompanyNumber[], number: string): boolean {
  return callerNumberOptions(identity, companyNumbers).some((option) => option.number === number);
}
