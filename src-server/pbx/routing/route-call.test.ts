import { describe, expect, it } from 'vitest';
import { pstnBehaviour } from '../pstn/pstn-numbers.js';
import { identitiesToRing, presentedCaller, routeCall, type RouteDecision } from './route-call.js';
import { normalizeDialled } from './dialled-number.js';
import { DEMO_IDENTITIES, demoTenant, numberOwnerIn, otherTenant, OTHER_TENANT_IDENTITY } from '../../../test/support/demo-directory.js';

const { A, B, C, D, E } = DEMO_IDENTITIES;
const route = (dialled: string, caller = A): RouteDecision => routeCall({ caller, tenant: demoTenant(), dialled });
const ringing = (decision: RouteDecision): string[] =>
  decision.kind === 'ringSet' ? decision.targets.map((t) => t.displayName) : decision.kind === 'identity' ? [decision.target.displayName] : [];

describe('routeCall', () => {
  it('number 1 (代表) rings A–E', () => {
    const decision = route('03-5555-0100', D);
    expect(decision).toMatchObject({ kind: 'ringSet', calledLabel: '代表', dialled: '0355550100' });
    expect(ringing(decision)).toEqual([A, B, C, D, E].map((id) => id.displayName));
  });

  it('number 2 (営業部) rings A, B and C only', () => {
    const decision = route('0355550200', D);
    expect(decision).toMatchObject({ kind: 'ringSet', calledLabel: '営業部' });
    expect(ringing(decision)).toEqual([A.displayName, B.displayName, C.displayName]);
  });

  it('number 3 (サポート) rings D and E', () => {
    const decision = route('0355550300');
    expect(decision).toMatchObject({ kind: 'ringSet', calledLabel: 'サポート' });
    expect(ringing(decision)).toEqual([D.displayName, E.displayName]);
  });

  it('extension 203 reaches C, labelled with the callee name', () => {
    expect(route('203')).toMatchObject({ kind: 'identity', target: { idId: C.idId }, calledLabel: '高橋', dialled: '203' });
  });

  it('direct number 050-3000-0004 reaches D, with or without hyphens or +81', () => {
    for (const dialled of ['05030000004', '050-3000-0004', '+815030000004', '０５０３００００００４']) {
      expect(route(dialled)).toMatchObject({ kind: 'identity', target: { idId: D.idId }, dialled: '05030000004' });
    }
  });

  it('an unknown number is not found', () => {
    expect(route('299').kind).toBe('notFound');
    expect(route('0312345678').kind).toBe('notFound');
    expect(route('abc').kind).toBe('notFound');
    expect(route('').kind).toBe('notFound');
  });

  it("never reaches another tenant's IDs", () => {
    // 201 exists in both tenants: the caller's own tenant wins.
    expect(route('201', B)).toMatchObject({ kind: 'identity', scope: 'internal', target: { idId: A.idId, tenantId: 1 } });
    expect(route(OTHER_TENANT_IDENTITY.directNumber).kind).toBe('notFound');
    expect(route('0366660100').kind).toBe('notFound');
    // a caller from another tenant given this tenant's directory gets nothing
    expect(routeCall({ caller: OTHER_TENANT_IDENTITY, tenant: demoTenant(), dialled: '202' }).kind).toBe('notFound');
  });
});

describe('routeCall to another tenant of this server (outside calls)', () => {
  const tenants = [demoTenant(), otherTenant()];
  const numberOwner = (digits: string) => tenants.find((t) => t.tenantId === numberOwnerIn(tenants, digits));
  const routeOut = (dialled: string, caller = A): RouteDecision => routeCall({ caller, tenant: demoTenant(), dialled, numberOwner });

  it("another tenant's company number rings its ring set, as an outside call", () => {
    const decision = routeOut('03-6666-0100');
    expect(decision).toMatchObject({ kind: 'ringSet', scope: 'outside', calleeTenantId: 2, calledLabel: '代表', dialled: '0366660100' });
    expect(ringing(decision)).toEqual([OTHER_TENANT_IDENTITY.displayName]);
    expect(identitiesToRing(decision, A).map((id) => id.idId)).toEqual([OTHER_TENANT_IDENTITY.idId]);
  });

  it("another tenant's direct number reaches that ID, as an outside call", () => {
    expect(routeOut('+815039990001')).toMatchObject({
      kind: 'identity',
      scope: 'outside',
      calleeTenantId: 2,
      target: { idId: OTHER_TENANT_IDENTITY.idId },
      dialled: OTHER_TENANT_IDENTITY.directNumber,
    });
  });

  it("never reaches another tenant's extensions, and own numbers stay internal", () => {
    const lookups: string[] = [];
    const spying = (digits: string) => {
      lookups.push(digits);
      return numberOwner(digits);
    };
    expect(routeCall({ caller: A, tenant: demoTenant(), dialled: '201', numberOwner: spying })).toMatchObject({ kind: 'identity', scope: 'internal', target: { idId: A.idId } });
    expect(routeCall({ caller: A, tenant: demoTenant(), dialled: '299', numberOwner: spying }).kind).toBe('notFound');
    expect(routeCall({ caller: A, tenant: demoTenant(), dialled: '*71', numberOwner: spying }).kind).toBe('notFound');
    expect(lookups).toEqual([]); // short codes never leave the tenant
    expect(routeOut('0355550200')).toMatchObject({ kind: 'ringSet', scope: 'internal', calleeTenantId: 1 });
    expect(routeOut('05030000004')).toMatchObject({ kind: 'identity', scope: 'internal', target: { idId: D.idId } });
    expect(routeOut('0312345678').kind).toBe('notFound');
  });

  it('a lookup that answers with the caller’s own tenant is not an outside call', () => {
    const decision = routeCall({ caller: A, tenant: demoTenant(), dialled: '0399999999', numberOwner: () => demoTenant() });
    expect(decision.kind).toBe('notFound');
  });
});

describe('identitiesToRing', () => {
  it('a ring set does not ring the member who calls it', () => {
    expect(identitiesToRing(route('0355550200', A), A).map((id) => id.idId)).toEqual([B.idId, C.idId]);
    expect(identitiesToRing(route('0355550200', D), D).map((id) => id.idId)).toEqual([A.idId, B.idId, C.idId]);
  });

  it('an extension rings that ID, even your own (your other devices)', () => {
    expect(identitiesToRing(route('201', A), A).map((id) => id.idId)).toEqual([A.idId]);
    expect(identitiesToRing(route('999', A), A)).toEqual([]);
  });
});

describe('presentedCaller', () => {
  it('internal calls show the extension and the display name', () => {
    expect(presentedCaller(A)).toEqual({ number: '201', displayName: '佐藤' });
  });
});

describe('normalizeDialled', () => {
  it.each([
    ['*71', '*71'],
    ['%2A8', '*8'],
    ['(03) 5555.0100', '0355550100'],
    ['+1 555', undefined],
    ['%E0%A4%A', undefined],
    ['1'.repeat(40), undefined],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDialled(input)).toBe(expected);
  });
});

describe('routeCall to numbers outside every tenant (the PSTN simulator)', () => {
  const tenants = [demoTenant(), otherTenant()];
  const numberOwner = (digits: string) => tenants.find((t) => t.tenantId === numberOwnerIn(tenants, digits));
  const routeWithPstn = (dialled: string): RouteDecision => routeCall({ caller: A, tenant: demoTenant(), dialled, numberOwner, pstn: pstnBehaviour });

  it('a national number no tenant owns goes to the simulator as an outside call, with its behaviour', () => {
    expect(routeWithPstn('03-1234-0000')).toMatchObject({ kind: 'pstn', scope: 'outside', dialled: '0312340000', behaviour: { kind: 'echo' } });
    expect(routeWithPstn('0312340003')).toMatchObject({ kind: 'pstn', behaviour: { kind: 'busy' } });
    expect(identitiesToRing(routeWithPstn('09012345678'), A)).toEqual([]);
  });

  it('numbers of a tenant of this server never reach the simulator', () => {
    expect(routeWithPstn('03-6666-0100')).toMatchObject({ kind: 'ringSet', scope: 'outside' });
    expect(routeWithPstn('201')).toMatchObject({ kind: 'identity', scope: 'internal' });
    expect(routeWithPstn('999')).toMatchObject({ kind: 'notFound' });
  });

  it('without a simulator an unknown number is not found', () => {
    expect(routeCall({ caller: A, tenant: demoTenant(), dialled: '0312340000', numberOwner })).toMatchObject({ kind: 'notFound' });
  });
});
