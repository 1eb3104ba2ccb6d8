import type { SoftphoneConfig } from '../../src-shared/provisioning/softphone-config.js';
import type { PbxIdentity, TenantDirectory } from '../pbx/directory.js';
import { callerNumberOptions } from '../policy/caller-number-policy.js';
import type { PbxProfile } from './embedded-pbx-profile.js';

export interface SoftphoneConfigInputs {
  identity: PbxIdentity;
  tenant: TenantDirectory;
  sipDomain: string;
  sipWsUrl: string;
  profile: PbxProfile;
}

/** The configuration one softphone needs to register and call as `identity`. */
export function buildSoftphoneConfig({ identity, tenant, sipDomain, sipWsUrl, profile }: SoftphoneConfigInputs): SoftphoneConfig {
  const callerNumbers = callerNumberOptions(identity, tenant.companyNumbers);
  // A stale default (e.g. a number since removed) falls back to the contract number.
  const defaultCallerNumber = callerNumbers.some((option) => option.number === identity.defaultCallerNumber)
    ? identity.defaultCallerNumber
    : (callerNumbers[0]?.number ?? identity.directNumber);
  return {
    sip: {
      wsUrl: sipWsUrl,
      uri: `sip:${identity.sipUser}@${sipDomain}`,
      authorizationUsername: identity.sipUser,
      password: identity.sipPassword,
      displayName: identity.displayName,
    },
    account: {
      loginId: identity.directNumber,
      tenantName: tenant.tenantName,
      displayName: identity.displayName,
      extension: identity.extension,
      directNumber: identity.directNumber,
    },
    callerNumbers,
    defaultCallerNumber,
    featureCodes: { ...profile.featureCodes, parkSlots: [...profile.featureCodes.parkSlots] },
    dtmfMode: profile.dtmfMode,
    headers: { ...profile.headers },
  };
}
