import { describe, expect, it } from 'vitest';
import { choosePickup, type RingingCall } from './choose-pickup.js';
import { pickupGroup } from './pickup-group.js';
import { type TenantDirectory } from '../directory.js';
import { DEMO_IDENTITIES, demoTenant, OTHER_TENANT_IDENTITY } from '../../../test/support/demo-directory.js';

const { A, B, C, D, E } = DEMO_IDENTITIES;

/** 代表 rings only A; 営業部 A, B, C; サポート D, E: two pickup groups. */
function splitTenant(): TenantDirectory {
  const tenant = demoTenant();
  tenant.companyNumbers = tenant.companyNumbers.map((n) => (n.label === '代表' ? { ...n, ringSet: [A.idId] } : n));
  return tenant;
}

const ringingCall = (name: string, since: number, ringing: string[], callerSipUser?: string): RingingCall<string> => ({
  call: name,
  ringingSince: since,
  callerSipUser,
  ringingSipUsers: ringing,
});

describe('pickupGroup', () => {
  it('is every other ID sharing a company-number ring set with the picker', () => {
    const tenant = splitTenant();
    expect(pickupGroup(A, tenant).map((id) => id.displayName)).toEqual([B.displayName, C.displayName]);
    expect(pickupGroup(D, tenant).map((id) => id.displayName)).toEqual([E.displayName]);
    // with the demo data 代表 rings everyone, so everyone is in everyone's group
    expect(pickupGroup(A, demoTenant()).map((id) => id.idId)).toEqual([B.idId, C.idId, D.idId, E.idId]);
  });

  it('is empty for an ID in no ring set and across tenants', () => {
    const tenant = splitTenant();
    tenant.companyNumbers = tenant.companyNumbers.map((n) => ({ ...n, ringSet: n.ringSet.filter((id) => id !== E.idId) }));
    expect(pickupGroup(E, tenant)).toEqual([]);
    expect(pickupGroup(OTHER_TENANT_IDENTITY, demoTenant())).toEqual([]);
  });
});

describe('choosePickup: group (*8)', () => {
  it('takes the longest-ringing call ringing on a group member', () => {
    const ringing = [
      ringingCall('newer to B', 300, [B.sipUser]),
      ringingCall('older to C', 100, [C.sipUser, D.sipUser]),
      ringingCall('oldest, but to D', 50, [D.sipUser]),
    ];
    expect(choosePickup({ kind: 'group' }, A, splitTenant(), ringing)).toEqual({ ok: true, call: 'older to C', from: C });
  });

  it('never picks up a call the picker is making, nor one ringing only the picker', () => {
    const ringing = [ringingCall('A calls B', 10, [B.sipUser], A.sipUser), ringingCall('only A rings', 20, [A.sipUser])];
    expect(choosePickup({ kind: 'group' }, A, splitTenant(), ringing)).toEqual({ ok: false, status: 404, reason: 'No Call To Pick Up' });
  });

  it('answers 404 with a clear reason when nothing rings in the group', () => {
    expect(choosePickup({ kind: 'group' }, D, splitTenant(), [ringingCall('to B', 1, [B.sipUser])])).toMatchObject({
      ok: false,
      status: 404,
      reason: 'No Call To Pick Up',
    });
    expect(choosePickup({ kind: 'group' }, A, splitTenant(), [])).toMatchObject({ ok: false, status: 404 });
  });
});

describe('choosePickup: directed (** + extension)', () => {
  it("takes the call ringing on that extension's ID, in or out of the picker's group", () => {
    const ringing = [ringingCall('to B', 100, [B.sipUser]), ringingCall('to E', 200, [E.sipUser]), ringingCall('to E, older', 150, [C.sipUser, E.sipUser])];
    expect(choosePickup({ kind: 'directed', extension: '205' }, A, splitTenant(), ringing)).toEqual({ ok: true, call: 'to E, older', from: E });
    expect(choosePickup({ kind: 'directed', extension: '202' }, D, splitTenant(), ringing)).toEqual({ ok: true, call: 'to B', from: B });
  });

  it('refuses an unknown extension, another tenant, the picker itself and its own outgoing call', () => {
    const ringing = [ringingCall('A calls B', 1, [B.sipUser], A.sipUser)];
    expect(choosePickup({ kind: 'directed', extension: '299' }, A, splitTenant(), ringing)).toEqual({ ok: false, status: 404, reason: 'No Such Extension' });
    expect(choosePickup({ kind: 'directed', extension: '201' }, OTHER_TENANT_IDENTITY, splitTenant(), ringing)).toMatchObject({
      ok: false,
      reason: 'No Such Extension',
    });
    expect(choosePickup({ kind: 'directed', extension: '201' }, A, splitTenant(), [ringingCall('to A', 1, [A.sipUser])])).toEqual({
      ok: false,
      status: 404,
      reason: 'Cannot Pick Up Own Line',
    });
    expect(choosePickup({ kind: 'directed', extension: '202' }, A, splitTenant(), ringing)).toMatchObject({ ok: false, reason: 'No Call To Pick Up' });
    expect(choosePickup({ kind: 'directed', extension: '202' }, C, splitTenant(), ringing)).toMatchObject({ ok: true, call: 'A calls B' });
  });
});
