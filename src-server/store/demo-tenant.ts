import type { CompanyNumberKind, DeviceKind, IdKind } from './tenant-plan.js';

/**
 * The demo tenant from the service guide's own example, seeded on a fresh server. Plain data
 * (passwords included: they are published in the README) so tests and docs can use it.
 * Numbers are digits; show them with formatJapaneseNumber.
 */
export type DemoIdKey = 'A' | 'B' | 'C' | 'D' | 'E';

export interface DemoId {
  key: DemoIdKey;
  kind: IdKind;
  deviceKind: DeviceKind;
  /** also the login ID and the SIP user */
  directNumber: string;
  extension: string;
  displayName: string;
  password: string;
  defaultCallerNumber: string;
}

export interface DemoCompanyNumber {
  number: string;
  kind: CompanyNumberKind;
  label: string;
  ringSet: readonly DemoIdKey[];
}

export interface DemoTenant {
  name: string;
  sipDomain: string;
  companyNumbers: readonly DemoCompanyNumber[];
  ids: readonly DemoId[];
}

const CONTRACT_NUMBER = '0355550100';

export const DEMO_TENANT: DemoTenant = deepFreeze({
  name: '株式会社デモ商事',
  sipDomain: 'plusphone.test',
  companyNumbers: [
    { number: CONTRACT_NUMBER, kind: 'contract', label: '代表', ringSet: ['A', 'B', 'C', 'D', 'E'] },
    { number: '0355550200', kind: 'additional', label: '営業部', ringSet: ['A', 'B', 'C'] },
    { number: '0355550300', kind: 'additional', label: 'サポート', ringSet: ['D', 'E'] },
  ],
  ids: [
    { key: 'A', kind: 'basic', deviceKind: 'softphone', directNumber: '05030000001', extension: '201', displayName: '佐藤', password: 'plus-demo-a', defaultCallerNumber: CONTRACT_NUMBER },
    { key: 'B', kind: 'additional', deviceKind: 'softphone', directNumber: '05030000002', extension: '202', displayName: '鈴木', password: 'plus-demo-b', defaultCallerNumber: CONTRACT_NUMBER },
    { key: 'C', kind: 'additional', deviceKind: 'softphone', directNumber: '05030000003', extension: '203', displayName: '高橋', password: 'plus-demo-c', defaultCallerNumber: CONTRACT_NUMBER },
    { key: 'D', kind: 'additional', deviceKind: 'softphone', directNumber: '05030000004', extension: '204', displayName: '田中', password: 'plus-demo-d', defaultCallerNumber: CONTRACT_NUMBER },
    { key: 'E', kind: 'additional', deviceKind: 'softphone', directNumber: '05030000005', extension: '205', displayName: '伊藤', password: 'plus-demo-e', defaultCallerNumber: CONTRACT_NUMBER },
  ],
});

const CONTRACT_NUMBER_2 = '0666660100';

/**
 * A second demo tenant, so isolation between tenants can be seen (and is tested): same server,
 * its own numbers (06-…) and IDs (050-3100-000x); none of it is visible to the first.
 */
export const DEMO_TENANT_2: DemoTenant = deepFreeze({
  name: '株式会社サンプル物産',
  sipDomain: 'plusphone.test',
  companyNumbers: [
    { number: CONTRACT_NUMBER_2, kind: 'contract', label: '代表', ringSet: ['A', 'B', 'C'] },
    { number: '0666660200', kind: 'additional', label: '経理部', ringSet: ['B'] },
  ],
  ids: [
    { key: 'A', kind: 'basic', deviceKind: 'softphone', directNumber: '05031000001', extension: '301', displayName: '山本', password: 'sample-demo-a', defaultCallerNumber: CONTRACT_NUMBER_2 },
    { key: 'B', kind: 'additional', deviceKind: 'softphone', directNumber: '05031000002', extension: '302', displayName: '中村', password: 'sample-demo-b', defaultCallerNumber: CONTRACT_NUMBER_2 },
    { key: 'C', kind: 'additional', deviceKind: 'softphone', directNumber: '05031000003', extension: '303', displayName: '小林', password: 'sample-demo-c', defaultCallerNumber: CONTRACT_NUMBER_2 },
  ],
});

/** Every demo tenant, seeded together into an empty database. */
export const DEMO_TENANTS: readonly DemoTenant[] = [DEMO_TENANT, DEMO_TENANT_2];

/** The ID with this key of the second demo tenant (A is its 基本ID). */
export function demoTenant2Id(key: 'A' | 'B' | 'C'): DemoId {
  const found = DEMO_TENANT_2.ids.find((id) => id.key === key);
  if (!found) throw new Error(`no demo tenant 2 ID ${key}`);
  return found;
}

/** The demo ID with this key (A is the 基本ID: its direct number is the tenant's main number). */
export function demoId(key: DemoIdKey): DemoId {
  const found = DEMO_TENANT.ids.find((id) => id.key === key);
  if (!found) throw new Error(`no demo ID ${key}`);
  return found;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
