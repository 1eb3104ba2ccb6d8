import { ContractFailure } from '../../../src-shared/contract/result.js';
import type { SoftphoneConfig } from '../../../src-shared/provisioning/softphone-config.js';

export interface CallerNumberChoice {
  /** the number the callee will see (as far as we know: the PBX has the final word) */
  shown: string;
  /** header to ask the PBX for it, only when the user picked one for this call */
  header: string | null;
}

/**
 * The number an outgoing call shows. Without a choice the PBX applies the ID's default; a
 * choice must be one the server offered this ID, and is requested with the provisioned header
 * (P-Preferred-Identity on the embedded PBX). The PBX checks it again: this is for early,
 * clear feedback, not security.
 */
export function chooseCallerNumber(
  requested: string | undefined,
  config: Pick<SoftphoneConfig, 'callerNumbers' | 'defaultCallerNumber' | 'headers'>,
  domain: string,
): CallerNumberChoice {
  if (requested === undefined) return { shown: config.defaultCallerNumber, header: null };
  if (!config.callerNumbers.some((option) => option.number === requested)) {
    throw new ContractFailure('invalid-argument', 'この発信番号は選択できません');
  }
  return {
    shown: requested,
    header: `${config.headers.callerNumberRequest}: <sip:${requested}@${domain}>`,
  };
}
