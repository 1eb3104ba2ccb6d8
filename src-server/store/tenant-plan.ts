/**
 * A whole tenant as the customer page (or the demo seed) describes it before it exists: its IDs,
 * company numbers and who rings for which number. IDs are referred to by a plan-local `key`
 * because they have no database id yet. Numbers are digits only.
 */
export type IdKind = 'basic' | 'additional';
export type DeviceKind = 'softphone' | 'ipPhone' | 'adapter' | 'smartphoneApp';
export type CompanyNumberKind = 'contract' | 'additional';

export interface IdPlan {
  key: string;
  kind: IdKind;
  deviceKind: DeviceKind;
  directNumber: string;
  extension: string;
  displayName: string;
  /** already hashed (password-hash.ts): the store never sees a plaintext password */
  passwordHash: string;
  defaultCallerNumber: string;
}

export interface CompanyNumberPlan {
  number: string;
  kind: CompanyNumberKind;
  label: string;
  /** keys of the IDs that ring for this number */
  ringSet: readonly string[];
}

export interface TenantPlan {
  name: string;
  ids: readonly IdPlan[];
  companyNumbers: readonly CompanyNumberPlan[];
}
