import type { TerminalKind } from './call-charge.js';

/**
 * The monthly fee estimate (料金見積) at the service guide's prices, tax excluded: what a tenant
 * pays once (初期費用) and every month (月額) for its numbers, IDs and terminals. Call charges
 * are not included (they depend on use; see call-charge.ts). Pure: counts in, lines out.
 */
export type FeeItem = 'contractNumber' | 'additionalNumber' | 'basicId' | 'additionalId' | 'softphone' | 'ipPhone' | 'adapter' | 'smartphoneApp';

export interface FeeRate {
  label: string;
  initialYen: number;
  monthlyYen: number;
  note?: string;
}

/** The seed's price table (seed/000, 料金 sections). */
export const FEE_TABLE: Readonly<Record<FeeItem, FeeRate>> = {
  contractNumber: { label: '契約番号', initialYen: 0, monthlyYen: 380 },
  additionalNumber: { label: '追加番号', initialYen: 0, monthlyYen: 300 },
  basicId: { label: '基本ID', initialYen: 5_000, monthlyYen: 1_280 },
  additionalId: { label: '追加ID', initialYen: 5_000, monthlyYen: 900 },
  softphone: { label: 'ソフトフォン利用料', initialYen: 0, monthlyYen: 650, note: '着信ポップアップ・Web電話帳料金込み' },
  ipPhone: { label: '専用IP電話機（Grandstream製）', initialYen: 13_600, monthlyYen: 650, note: '初期費用は買取価格' },
  adapter: { label: '宅内機器（アダプタ）', initialYen: 10_300, monthlyYen: 650 },
  // The guide prices only the app's calls (20円/30秒), no fee for the app itself.
  smartphoneApp: { label: 'スマホアプリ', initialYen: 0, monthlyYen: 0, note: '利用料なし（通話料のみ）' },
};

export interface FeeEstimateInput {
  /** 追加番号 (the one 契約番号 is always there) */
  additionalNumbers: number;
  ids: readonly { kind: 'basic' | 'additional'; deviceKind: TerminalKind; softphoneOption: boolean }[];
}

export interface FeeLine {
  item: FeeItem;
  label: string;
  quantity: number;
  unitInitialYen: number;
  unitMonthlyYen: number;
  initialYen: number;
  monthlyYen: number;
  note?: string;
}

export interface FeeEstimate {
  lines: FeeLine[];
  initialYen: number;
  monthlyYen: number;
  taxIncluded: false;
}

/** Lines in the order of the guide; items the tenant has none of are left out. */
export function estimateFees(input: FeeEstimateInput): FeeEstimate {
  const count = (predicate: (id: FeeEstimateInput['ids'][number]) => boolean): number => input.ids.filter(predicate).length;
  const quantities: [FeeItem, number][] = [
    ['contractNumber', 1],
    ['additionalNumber', input.additionalNumbers],
    ['basicId', count((id) => id.kind === 'basic')],
    ['additionalId', count((id) => id.kind === 'additional')],
    ['softphone', count((id) => id.softphoneOption)],
    ['ipPhone', count((id) => id.deviceKind === 'ipPhone')],
    ['adapter', count((id) => id.deviceKind === 'adapter')],
    ['smartphoneApp', count((id) => id.deviceKind === 'smartphoneApp')],
  ];
  const lines = quantities
    .filter(([, quantity]) => quantity > 0)
    .map(([item, quantity]): FeeLine => {
      const rate = FEE_TABLE[item];
      return {
        item,
        label: rate.label,
        quantity,
        unitInitialYen: rate.initialYen,
        unitMonthlyYen: rate.monthlyYen,
        initialYen: rate.initialYen * quantity,
        monthlyYen: rate.monthlyYen * quantity,
        ...(rate.note === undefined ? {} : { note: rate.note }),
      };
    });
  return {
    lines,
    initialYen: lines.reduce((sum, line) => sum + line.initialYen, 0),
    monthlyYen: lines.reduce((sum, line) => sum + line.monthlyYen, 0),
    taxIncluded: false,
  };
}
