import type Database from 'better-sqlite3';
import { DEMO_TENANT, DEMO_TENANT_2 } from '../store/demo-tenant.js';
import type { PhonebookEntryFields } from '../../src-shared/phonebook/phonebook-entry.js';
import { PhonebookStore } from './phonebook-store.js';

/**
 * A few Web電話帳 entries for the demo tenants, so the page, the softphone's sync and search
 * have something to show on a fresh server. Keyed by tenant name (the seed's only handle).
 */
export const DEMO_PHONEBOOKS: Readonly<Record<string, readonly PhonebookEntryFields[]>> = {
  [DEMO_TENANT.name]: [
    {
      name: '山田 太郎',
      reading: 'ヤマダ タロウ',
      company: '株式会社山田商店',
      department: '営業部',
      numbers: [
        { label: '会社', digits: '0312345678' },
        { label: '携帯', digits: '09012345678' },
      ],
      notes: '毎週月曜に発注の電話あり',
    },
    {
      name: '佐々木 花子',
      reading: 'ササキ ハナコ',
      company: '東京物産株式会社',
      department: '購買部',
      numbers: [{ label: '会社', digits: '0332109876' }],
      notes: '',
    },
    {
      name: '小林 健太',
      reading: 'コバヤシ ケンタ',
      company: 'みらい建設株式会社',
      department: '',
      numbers: [
        { label: '携帯', digits: '08098765432' },
        { label: 'FAX', digits: '0451234567' },
      ],
      notes: '',
    },
    {
      name: '高田 美咲',
      reading: 'タカダ ミサキ',
      company: '株式会社さくらシステム',
      department: '開発部',
      numbers: [{ label: '直通', digits: '0661234567' }],
      notes: '',
    },
    {
      name: 'サポートセンター',
      reading: 'サポートセンター',
      company: '日本電機株式会社',
      department: '',
      numbers: [{ label: 'フリーダイヤル', digits: '0120123456' }],
      notes: '受付 9:00〜18:00（土日祝休み）',
    },
  ],
  [DEMO_TENANT_2.name]: [
    {
      name: '大阪 次郎',
      reading: 'オオサカ ジロウ',
      company: '浪速商事株式会社',
      department: '',
      numbers: [{ label: '会社', digits: '0698765432' }],
      notes: '',
    },
  ],
};

/** Adds the demo entries of this tenant (none for other tenants). */
export function seedDemoPhonebook(db: Database.Database, tenantId: number, tenantName: string): void {
  const entries = DEMO_PHONEBOOKS[tenantName];
  if (entries && entries.length > 0) new PhonebookStore(db).import(tenantId, entries, 'append');
}
