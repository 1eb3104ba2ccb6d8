import { describe, expect, it } from 'vitest';
import { decideCallerNumber, requestedCallerNumber } from './caller-number.js';
import { DEMO_IDENTITIES, demoTenant, OTHER_TENANT_IDENTITY } from '../../../test/support/demo-directory.js';

const { A, B } = DEMO_IDENTITIES;
const TENANT_NAME = demoTenant().tenantName;

describe('decideCallerNumber', () => {
  it("presents a company number of the caller's tenant when asked for it", () => {
    expect(decideCallerNumber(A, demoTenant(), '0355550300')).toEqual({ kind: 'present', number: '0355550300', displayName: TENANT_NAME, requested: true });
  });

  it("presents the caller's own direct number when asked for it", () => {
    expect(decideCallerNumber(B, demoTenant(), B.directNumber)).toMatchObject({ kind: 'present', number: B.directNumber });
  });

  it("refuses a number the tenant does not own: another ID's direct number, another tenant's, or garbage", () => {
    for (const requested of [A.directNumber, OTHER_TENANT_IDENTITY.directNumber, '0366660100', '0312345678', '201', 'nonsense']) {
      expect(decideCallerNumber(B, demoTenant(), requested)).toEqual({ kind: 'forbidden', requested });
    }
  });

  it("without a request, presents the ID's default caller number as the directory has it now", () => {
    expect(decideCallerNumber(A, demoTenant(), undefined)).toEqual({ kind: 'present', number: '0355550100', displayName: TENANT_NAME, requested: false });
    expect(decideCallerNumber({ ...A, defaultCallerNumber: '0355550200' }, demoTenant(), undefined)).toMatchObject({ number: '0355550200' });
  });

  it('a default that is no longer allowed falls back to the direct number', () => {
    expect(decideCallerNumber({ ...A, defaultCallerNumber: '0399999999' }, demoTenant(), undefined)).toMatchObject({ kind: 'present', number: A.directNumber });
  });
});

describe('requestedCallerNumber', () => {
  it.each([
    [undefined, undefined],
    ['<sip:0355550200@plusphone.test>', '0355550200'],
    ['"営業部" <sip:03-5555-0200@plusphone.test;user=phone>', '0355550200'],
    ['<tel:+81-3-5555-0200>', '0355550200'],
    ['sip:0355550200@plusphone.test', '0355550200'],
    ['<http://example.com/>', '<http://example.com/>'],
    ['<sip:abc@plusphone.test>', '<sip:abc@plusphone.test>'],
  ])('%j → %j', (header, expected) => {
    expect(requestedCallerNumber(header)).toBe(expected);
  });
});
