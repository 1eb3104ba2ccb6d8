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
  /** the tenant's CRM / number-search templates (templates/template-queries.ts); absent: none sent */
  linkTemplates?: { crmUrl: string | null; numberSearchUrl: string | null };
  /** names given to park slots on the customer page (unnamed slots show their code) */
  parkSlotNames?: ReadonlyArray<{ slot: string; name: string | null }>;
}

/** The configuration one softphone needs to register and call as `identity`. */
export function buildSoftphoneConfig({ identity, tenant, sipDomain, sipWsUrl, profile, linkTemplates, parkSlotNames }: SoftphoneConfigInputs): SoftphoneConfig {
  const slotName = (code: string): string | undefined => parkSlotNames?.find((named) => named.slot === code)?.name ?? undefined;
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
    // who this softphone watches (dialog event package): the tenant's other IDs and the park slots
    colleagues: tenant.identities
      .filter((other) => other.idId !== identity.idId)
      .sort((a, b) => a.extension.localeCompare(b.extension))
      .map((other) => ({ extension: other.extension, displayName: other.displayName, sipUri: `sip:${other.extension}@${sipDomain}` })),
    parkSlots: profile.featureCodes.parkSlots.map((code) => {
      const name = slotName(code);
      return { code, ...(name ? { name } : {}), sipUri: `sip:${code}@${sipDomain}` };
    }),
    ...(linkTemplates ? { links: { crm: linkTemplates.crmUrl, numberSearch: linkTemplates.numberSearchUrl } } : {}),
    ...updateFeedOf(sipWsUrl),
  };
}

/** The update feed is served by the same server as the SIP WebSocket: ws(s)://host/sip → http(s)://host/updates/. */
function updateFeedOf(sipWsUrl: string): { updates?: { feedUrl: string } } {
  try {
    const url = new URL(sipWsUrl);
    url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
    url.pathname = '/updates/';
    url.search = '';
    return { updates: { feedUrl: url.href } };
  } catch {
    return {};
  }
}
