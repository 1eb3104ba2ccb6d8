// An in-memory PbxDirectory with one tenant of `count` IDs, for benches that need more IDs than
// the demo tenant has. ID i: SIP user / direct number 0509xxxxxxx, extension 10000 + i,
// digest secret `bench-secret-i`.
import type { PbxDirectory, PbxIdentity, TenantDirectory } from '../src-server/pbx/directory.js';

export const BENCH_SIP_DOMAIN = 'plusphone.test';

export interface BenchAccount {
  user: string;
  password: string;
  extension: string;
}

export function benchAccount(i: number): BenchAccount {
  return { user: `0509${String(i).padStart(7, '0')}`, password: `bench-secret-${i}`, extension: String(10_000 + i) };
}

export function createSyntheticDirectory(count: number): PbxDirectory {
  const identities: PbxIdentity[] = Array.from({ length: count }, (_, i) => {
    const account = benchAccount(i);
    return {
      idId: i + 1,
      tenantId: 1,
      sipUser: account.user,
      sipPassword: account.password,
      displayName: `ベンチ${i}`,
      extension: account.extension,
      directNumber: account.user,
      defaultCallerNumber: '0355550100',
    };
  });
  const bySipUser = new Map(identities.map((id) => [id.sipUser, id]));
  const tenant: TenantDirectory = { tenantId: 1, tenantName: 'ベンチ商事', identities, companyNumbers: [] };
  return {
    sipDomain: BENCH_SIP_DOMAIN,
    findIdentityBySipUser: (sipUser) => {
      const found = bySipUser.get(sipUser);
      return found ? { ...found } : undefined;
    },
    tenantDirectory: (tenantId) => (tenantId === 1 ? structuredClone(tenant) : undefined),
    findNumberOwner: (digits) => (bySipUser.has(digits) ? 1 : undefined),
  };
}
