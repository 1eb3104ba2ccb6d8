/**
 * An in-memory PbxDirectory with the demo tenant of the team brief (株式会社デモ商事, IDs A–E,
 * three company numbers) plus a second tenant, for PBX tests that run without the store.
 */
import { type CompanyNumber, type PbxDirectory, type PbxIdentity, type TenantDirectory } from '../../src-server/pbx/directory.js';

export const DEMO_SIP_DOMAIN = 'plusphone.test';

export type DemoKey = 'A' | 'B' | 'C' | 'D' | 'E';

function identity(idId: number, tenantId: number, direct: string, extension: string, displayName: string, secret: string): PbxIdentity {
  return {
    idId,
    tenantId,
    sipUser: direct,
    sipPassword: secret,
    displayName,
    extension,
    directNumber: direct,
    defaultCallerNumber: tenantId === 1 ? '0355550100' : '0366660100',
  };
}

export const DEMO_IDENTITIES: Record<DemoKey, PbxIdentity> = {
  A: identity(1, 1, '05030000001', '201', '佐藤', 'sip-secret-a'),
  B: identity(2, 1, '05030000002', '202', '鈴木', 'sip-secret-b'),
  C: identity(3, 1, '05030000003', '203', '高橋', 'sip-secret-c'),
  D: identity(4, 1, '05030000004', '204', '田中', 'sip-secret-d'),
  E: identity(5, 1, '05030000005', '205', '伊藤', 'sip-secret-e'),
};

export const DEMO_COMPANY_NUMBERS: CompanyNumber[] = [
  { number: '0355550100', label: '代表', kind: 'contract', ringSet: [1, 2, 3, 4, 5] },
  { number: '0355550200', label: '営業部', kind: 'additional', ringSet: [1, 2, 3] },
  { number: '0355550300', label: 'サポート', kind: 'additional', ringSet: [4, 5] },
];

/** Another company with an overlapping extension plan: it must stay unreachable from the demo tenant. */
export const OTHER_TENANT_IDENTITY: PbxIdentity = identity(101, 2, '05039990001', '201', '山田', 'sip-secret-x');

export function demoTenant(): TenantDirectory {
  return {
    tenantId: 1,
    tenantName: '株式会社デモ商事',
    identities: Object.values(DEMO_IDENTITIES).map((id) => ({ ...id })),
    companyNumbers: DEMO_COMPANY_NUMBERS.map((n) => ({ ...n, ringSet: [...n.ringSet] })),
  };
}

export function otherTenant(): TenantDirectory {
  return {
    tenantId: 2,
    tenantName: '株式会社ほか',
    identities: [{ ...OTHER_TENANT_IDENTITY }],
    companyNumbers: [{ number: '0366660100', label: '代表', kind: 'contract', ringSet: [101] }],
  };
}

export function createDemoDirectory(): PbxDirectory {
  const tenants = [demoTenant(), otherTenant()];
  return {
    sipDomain: DEMO_SIP_DOMAIN,
    findIdentityBySipUser: (sipUser) => {
      for (const tenant of tenants) {
        const found = tenant.identities.find((id) => id.sipUser === sipUser);
        if (found) return { ...found };
      }
      return undefined;
    },
    tenantDirectory: (tenantId) => {
      const tenant = tenants.find((t) => t.tenantId === tenantId);
      return tenant ? structuredClone(tenant) : undefined;
    },
    findNumberOwner: (digits) => numberOwnerIn(tenants, digits),
  };
}

/** The tenant id owning `digits` as a company number or a direct number, as the store answers it. */
export function numberOwnerIn(tenants: readonly TenantDirectory[], digits: string): number | undefined {
  return tenants.find(
    (t) => t.companyNumbers.some((n) => n.number === digits) || t.identities.some((id) => id.directNumber === digits),
  )?.tenantId;
}
