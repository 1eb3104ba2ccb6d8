import type { IvrMenu } from '../pbx/ivr/ivr-menu.js';
import { DEMO_TENANT_2, demoTenant2Id } from './demo-tenant.js';
import type { TenantStore } from './tenant-store.js';

/**
 * The demo's voice menu: 株式会社サンプル物産's 経理部 (06-6666-0200) answers with a prompt;
 * 1 (お支払い) rings 山本, 2 (ご請求) rings 中村 and 小林; no key or an unknown one plays the
 * prompt once more, then the number's own ring set (中村) rings. Chosen because no other demo
 * flow or test dials 経理部 (they call 代表 and 03-5555-…), so they keep ringing at once.
 */
export const DEMO_IVR_NUMBER = '0666660200';

export const DEMO_IVR_MENU = {
  tenantName: DEMO_TENANT_2.name,
  number: DEMO_IVR_NUMBER,
  prompt: 'keiri-menu-ja',
  options: [
    { digits: '1', label: 'お支払い', ringSet: ['A'] },
    { digits: '2', label: 'ご請求', ringSet: ['B', 'C'] },
  ],
  timeoutSeconds: 5,
  repeats: 1,
  onNoChoice: 'ringSet',
} as const;

/** Stores the demo menu when `tenantId` is the demo tenant that has it (after it was created). */
export function seedDemoIvrMenu(store: TenantStore, tenantId: number, tenantName: string): void {
  if (tenantName !== DEMO_IVR_MENU.tenantName) return;
  const overview = store.admin.overview(tenantId);
  const number = overview?.numbers.find((n) => n.number === DEMO_IVR_MENU.number);
  if (!overview || !number) throw new Error(`demo IVR number ${DEMO_IVR_MENU.number} is missing`);
  const idIdOf = (key: 'A' | 'B' | 'C'): number => {
    const id = overview.ids.find((candidate) => candidate.directNumber === demoTenant2Id(key).directNumber);
    if (!id) throw new Error(`demo IVR ID ${key} is missing`);
    return id.idId;
  };
  const menu: IvrMenu = {
    prompt: DEMO_IVR_MENU.prompt,
    options: DEMO_IVR_MENU.options.map((option) => ({ digits: option.digits, label: option.label, ringSet: option.ringSet.map(idIdOf) })),
    timeoutSeconds: DEMO_IVR_MENU.timeoutSeconds,
    repeats: DEMO_IVR_MENU.repeats,
    onNoChoice: DEMO_IVR_MENU.onNoChoice,
  };
  const stored = store.ivrMenus.setMenu(tenantId, number.numberId, menu);
  if (!stored.ok) throw new Error(`demo IVR menu refused: ${stored.error.message}`);
}
