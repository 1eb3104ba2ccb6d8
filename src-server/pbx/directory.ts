/**
 * What the PBX needs to know about tenants, read from the store. The store implements it;
 * the PBX never touches SQL. Numbers are digits only.
 */
import { type IvrMenu } from './ivr/ivr-menu.js';

export interface PbxIdentity {
  idId: number;
  tenantId: number;
  /** SIP user part and digest username: the ID's direct number, digits */
  sipUser: string;
  /** digest secret (not the customer-page password) */
  sipPassword: string;
  displayName: string;
  extension: string;
  directNumber: string;
  /** the number shown when this ID calls out, unless it asks for another it may use */
  defaultCallerNumber: string;
}

export interface CompanyNumber {
  number: string;
  label: string;
  kind: 'contract' | 'additional';
  /** ids (PbxIdentity.idId) that ring for this number, all at once */
  ringSet: number[];
  /** a voice menu the PBX answers with first (pbx/ivr/); absent = the ring set rings at once */
  ivrMenu?: IvrMenu;
}

export interface TenantDirectory {
  tenantId: number;
  tenantName: string;
  /** a parked call rings the ID that parked it after this long (store v5); absent = 180 s */
  parkRecallSeconds?: number;
  identities: PbxIdentity[];
  companyNumbers: CompanyNumber[];
}

export interface PbxDirectory {
  /** the SIP realm / domain this server answers for */
  readonly sipDomain: string;
  findIdentityBySipUser(sipUser: string): PbxIdentity | undefined;
  /** a fresh copy: callers may keep it for the duration of one routing decision */
  tenantDirectory(tenantId: number): TenantDirectory | undefined;
  /**
   * The tenant (its id) that owns this number, digits only, as a company number or as one of its
   * IDs' direct numbers; undefined when no tenant of this server has it. Extensions are never
   * looked up here: they mean something only inside their own tenant.
   */
  findNumberOwner(digits: string): number | undefined;
}
