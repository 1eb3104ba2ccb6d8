import { describe, expect, it } from 'vitest';
import { softphoneConfigSchema } from '../../src-shared/provisioning/softphone-config.js';
import type { PbxIdentity, TenantDirectory } from '../pbx/directory.js';
import { mayCallFrom } from '../policy/caller-number-policy.js';
import { EMBEDDED_PBX_PROFILE } from './embedded-pbx-profile.js';
import { buildSoftphoneConfig } from './softphone-config-builder.js';

const identity: PbxIdentity = {
  idId: 7,
  tenantId: 1,
  sipUser: '05030000002',
  sipPassword: 'digest-secret',
  displayName: '鈴木',
  extension: '202',
  directNumber: '05030000002',
  defaultCallerNumber: '0355550200',
};
const tenant: TenantDirectory = {
  tenantId: 1,
  tenantName: '株式会社テスト',
  identities: [identity],
  companyNumbers: [
    { number: '0355550100', label: '代表', kind: 'contract', ringSet: [7] },
    { number: '0355550200', label: '営業部', kind: 'additional', ringSet: [7] },
  ],
};
const build = (overrides: Partial<PbxIdentity> = {}) =>
  buildSoftphoneConfig({
    identity: { ...identity, ...overrides },
    tenant,
    sipDomain: 'plusphone.test',
    sipWsUrl: 'ws://127.0.0.1:7080/sip',
    profile: EMBEDDED_PBX_PROFILE,
  });

describe('buildSoftphoneConfig', () => {
  it('gives park slots the names set on the customer page', () => {
    const config = buildSoftphoneConfig({
      identity,
      tenant,
      sipDomain: 'plusphone.test',
      sipWsUrl: 'ws://127.0.0.1:7080/sip',
      profile: EMBEDDED_PBX_PROFILE,
      parkSlotNames: [{ slot: '*71', name: '受付' }, { slot: '*72', name: null }],
    });
    expect(config.parkSlots?.slice(0, 2)).toEqual([
      { code: '*71', name: '受付', sipUri: 'sip:*71@plusphone.test' },
      { code: '*72', sipUri: 'sip:*72@plusphone.test' },
    ]);
  });

  it('names the update feed on the same server as the SIP WebSocket (http for ws, https for wss)', () => {
    expect(softphoneConfigSchema.parse(build()).updates).toEqual({ feedUrl: 'http://127.0.0.1:7080/updates/' });
    const secure = buildSoftphoneConfig({ identity, tenant, sipDomain: 'plusphone.test', sipWsUrl: 'wss://pbx.example.jp/sip', profile: EMBEDDED_PBX_PROFILE });
    expect(secure.updates).toEqual({ feedUrl: 'https://pbx.example.jp/updates/' });
  });

  it('builds a configuration the softphone accepts, with the digest secret and the embedded PBX profile', () => {
    const config = softphoneConfigSchema.parse(build());
    expect(config.sip).toEqual({
      wsUrl: 'ws://127.0.0.1:7080/sip',
      uri: 'sip:05030000002@plusphone.test',
      authorizationUsername: '05030000002',
      password: 'digest-secret',
      displayName: '鈴木',
    });
    expect(config.defaultCallerNumber).toBe('0355550200');
    expect(config.featureCodes).toEqual({
      park: '*7',
      parkSlots: ['*71', '*72', '*73', '*74', '*75', '*76', '*77', '*78'],
      groupPickup: '*8',
      directedPickupPrefix: '**',
    });
    expect(config.headers).toEqual({ callerNumberRequest: 'P-Preferred-Identity', calledParty: 'P-Called-Party-ID', ivrDigits: 'X-IVR-Digits' });
  });

  it('falls back to the contract number when the stored default is no longer the tenant\'s', () => {
    expect(build({ defaultCallerNumber: '0399999999' }).defaultCallerNumber).toBe('0355550100');
  });

  it('lets an ID call out from its tenant numbers and its own direct number only', () => {
    expect(mayCallFrom(identity, tenant.companyNumbers, '0355550100')).toBe(true);
    expect(mayCallFrom(identity, tenant.companyNumbers, '05030000002')).toBe(true);
    expect(mayCallFrom(identity, tenant.companyNumbers, '05030000001')).toBe(false);
  });
});

describe('buildSoftphoneConfig link templates', () => {
  it('carries the tenant templates when given, and none otherwise (older configs validate too)', () => {
    const withLinks = buildSoftphoneConfig({
      identity,
      tenant,
      sipDomain: 'plusphone.test',
      sipWsUrl: 'ws://127.0.0.1:7080/sip',
      profile: EMBEDDED_PBX_PROFILE,
      linkTemplates: { crmUrl: 'https://crm.example.jp/?tel={number}', numberSearchUrl: null },
    });
    expect(softphoneConfigSchema.parse(withLinks).links).toEqual({ crm: 'https://crm.example.jp/?tel={number}', numberSearch: null });
    const without = softphoneConfigSchema.parse(build());
    expect(without.links).toBeUndefined();
  });
});
