import type { LoginResponse } from '../../../src-shared/provisioning/softphone-config.js';

/** A valid login response (demo ID A) for unit tests of the core. */
export const sampleLoginResponse = (wsUrl = 'ws://127.0.0.1:7080/sip'): LoginResponse => ({
  token: 'token-0123456789abcdef',
  expiresAt: 1_900_000_000_000,
  config: {
    sip: {
      wsUrl,
      uri: 'sip:05030000001@plusphone.test',
      authorizationUsername: '05030000001',
      password: 'secret',
      displayName: '佐藤',
    },
    account: {
      loginId: '05030000001',
      tenantName: '株式会社デモ商事',
      displayName: '佐藤',
      extension: '201',
      directNumber: '05030000001',
    },
    callerNumbers: [
      { number: '0355550100', label: '代表', kind: 'contract' },
      { number: '05030000001', label: '直通', kind: 'direct' },
    ],
    defaultCallerNumber: '0355550100',
    featureCodes: { park: '*7', parkSlots: ['*71'], groupPickup: '*8', directedPickupPrefix: '**' },
    dtmfMode: 'info',
    headers: { callerNumberRequest: 'P-Preferred-Identity', calledParty: 'P-Called-Party-ID', ivrDigits: 'X-IVR-Digits' },
  },
});

