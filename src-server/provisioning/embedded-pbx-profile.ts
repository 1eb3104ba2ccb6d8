import type { SoftphoneConfig } from '../../src-shared/provisioning/softphone-config.js';

/**
 * How the embedded PBX speaks: feature codes, DTMF mode and header names. The softphone learns
 * all of this from provisioning and hard-codes none of it, so another PBX can be described by
 * another profile.
 */
export type PbxProfile = Pick<SoftphoneConfig, 'featureCodes' | 'dtmfMode' | 'headers'>;

export const EMBEDDED_PBX_PROFILE: PbxProfile = {
  featureCodes: {
    park: '*7',
    parkSlots: ['*71', '*72', '*73', '*74', '*75', '*76', '*77', '*78'],
    groupPickup: '*8',
    directedPickupPrefix: '**',
  },
  dtmfMode: 'info',
  headers: {
    callerNumberRequest: 'P-Preferred-Identity',
    calledParty: 'P-Called-Party-ID',
    ivrDigits: 'X-IVR-Digits',
  },
};
