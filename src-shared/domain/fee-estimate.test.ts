import { describe, expect, it } from 'vitest';
import { estimateFees, type FeeEstimateInput, type FeeItem } from './fee-estimate.js';

type Id = FeeEstimateInput['ids'][number];
const softphone = (kind: Id['kind']): Id => ({ kind, deviceKind: 'softphone', softphoneOption: true });
const device = (kind: Id['kind'], deviceKind: Id['deviceKind'], softphoneOption = false): Id => ({ kind, deviceKind, softphoneOption });

describe('estimateFees', () => {
  it.each<[string, FeeEstimateInput, number, number, Partial<Record<FeeItem, number>>]>([
    // [case, input, initial, monthly, quantities]
    ['1 softphone ID, the minimum contract', { additionalNumbers: 0, ids: [softphone('basic')] }, 5_000, 380 + 1_280 + 650, { contractNumber: 1, basicId: 1, softphone: 1 }],
    [
      'the demo: 3 numbers, 5 softphone IDs',
      { additionalNumbers: 2, ids: [softphone('basic'), ...Array.from({ length: 4 }, () => softphone('additional'))] },
      5 * 5_000,
      380 + 2 * 300 + 1_280 + 4 * 900 + 5 * 650,
      { contractNumber: 1, additionalNumber: 2, basicId: 1, additionalId: 4, softphone: 5 },
    ],
    [
      'an IP phone and an adapter (no softphone option)',
      { additionalNumbers: 1, ids: [device('basic', 'ipPhone'), device('additional', 'adapter')] },
      5_000 + 5_000 + 13_600 + 10_300,
      380 + 300 + 1_280 + 900 + 650 + 650,
      { contractNumber: 1, additionalNumber: 1, basicId: 1, additionalId: 1, ipPhone: 1, adapter: 1 },
    ],
    [
      'smartphone apps have no fee of their own',
      { additionalNumbers: 0, ids: [device('basic', 'smartphoneApp'), device('additional', 'smartphoneApp')] },
      10_000,
      380 + 1_280 + 900,
      { contractNumber: 1, basicId: 1, additionalId: 1, smartphoneApp: 2 },
    ],
    [
      'an IP phone ID that also uses the softphone pays both',
      { additionalNumbers: 0, ids: [device('basic', 'ipPhone', true)] },
      5_000 + 13_600,
      380 + 1_280 + 650 + 650,
      { contractNumber: 1, basicId: 1, softphone: 1, ipPhone: 1 },
    ],
  ])('%s', (_case, input, initial, monthly, quantities) => {
    const estimate = estimateFees(input);
    expect(estimate.initialYen).toBe(initial);
    expect(estimate.monthlyYen).toBe(monthly);
    expect(Object.fromEntries(estimate.lines.map((line) => [line.item, line.quantity]))).toEqual(quantities);
    expect(estimate.taxIncluded).toBe(false);
  });

  it('gives each line its Japanese label, unit prices and line totals, in the order of the guide', () => {
    const estimate = estimateFees({ additionalNumbers: 2, ids: [softphone('basic'), softphone('additional'), device('additional', 'ipPhone')] });
    expect(estimate.lines).toEqual([
      { item: 'contractNumber', label: '契約番号', quantity: 1, unitInitialYen: 0, unitMonthlyYen: 380, initialYen: 0, monthlyYen: 380 },
      { item: 'additionalNumber', label: '追加番号', quantity: 2, unitInitialYen: 0, unitMonthlyYen: 300, initialYen: 0, monthlyYen: 600 },
      { item: 'basicId', label: '基本ID', quantity: 1, unitInitialYen: 5_000, unitMonthlyYen: 1_280, initialYen: 5_000, monthlyYen: 1_280 },
      { item: 'additionalId', label: '追加ID', quantity: 2, unitInitialYen: 5_000, unitMonthlyYen: 900, initialYen: 10_000, monthlyYen: 1_800 },
      expect.objectContaining({ item: 'softphone', label: 'ソフトフォン利用料', quantity: 2, unitMonthlyYen: 650, monthlyYen: 1_300 }),
      expect.objectContaining({ item: 'ipPhone', quantity: 1, unitInitialYen: 13_600, initialYen: 13_600, monthlyYen: 650 }),
    ]);
  });

  it('adding a 追加ID adds 5,000円 once and 900円 a month (plus its terminal)', () => {
    const before = estimateFees({ additionalNumbers: 0, ids: [softphone('basic')] });
    const after = estimateFees({ additionalNumbers: 0, ids: [softphone('basic'), softphone('additional')] });
    expect(after.initialYen - before.initialYen).toBe(5_000);
    expect(after.monthlyYen - before.monthlyYen).toBe(900 + 650);
  });
});
