import { classifyNumber, type NumberClass } from './phone-number.js';

/**
 * Call charges at the service guide's rates (tax excluded). Every started unit is charged in
 * full; amounts are kept in tenths of a yen so that 17.5円 units add up exactly.
 */
export type TerminalKind = 'softphone' | 'ipPhone' | 'adapter' | 'smartphoneApp';

export type ChargeRate = 'free' | 'fixedLine' | 'mobileOrIp' | 'smartphoneApp';

interface RateCard {
  unitSeconds: number;
  tenthsOfYenPerUnit: number;
}

const RATES: Record<Exclude<ChargeRate, 'free'>, RateCard> = {
  /** 8円 / 3分 */
  fixedLine: { unitSeconds: 180, tenthsOfYenPerUnit: 80 },
  /** 17.5円 / 1分 */
  mobileOrIp: { unitSeconds: 60, tenthsOfYenPerUnit: 175 },
  /** 20円 / 30秒 */
  smartphoneApp: { unitSeconds: 30, tenthsOfYenPerUnit: 200 },
};

export type CallCharge =
  | { priced: true; rate: ChargeRate; units: number; unitSeconds: number; yen: number }
  /** a destination the rate table does not cover (e.g. international): never guessed */
  | { priced: false; reason: string };

export interface PricedCall {
  /** the dialled number, or its class when already known */
  destination: string | { class: NumberClass };
  /** answered duration; 0 for a call that was never answered */
  durationSeconds: number;
  terminal: TerminalKind;
}

function rateFor(destination: NumberClass, terminal: TerminalKind): ChargeRate | null {
  switch (destination) {
    case 'internal':
    case 'tollFree':
      return 'free';
    case 'fixed':
      return terminal === 'smartphoneApp' ? 'smartphoneApp' : 'fixedLine';
    case 'mobile':
    case 'ip':
      return terminal === 'smartphoneApp' ? 'smartphoneApp' : 'mobileOrIp';
    case 'other':
      return null;
  }
}

export function priceCall(call: PricedCall): CallCharge {
  const { durationSeconds } = call;
  if (!Number.isFinite(durationSeconds) || durationSeconds < 0) {
    throw new RangeError(`call duration must be a non-negative number of seconds, got ${durationSeconds}`);
  }
  const destination = typeof call.destination === 'string' ? classifyNumber(call.destination) : call.destination.class;
  const rate = rateFor(destination, call.terminal);
  if (rate === null) return { priced: false, reason: '料金表にない発信先です' };
  if (rate === 'free') return { priced: true, rate, units: 0, unitSeconds: 0, yen: 0 };
  const card = RATES[rate];
  const units = Math.ceil(durationSeconds / card.unitSeconds);
  return { priced: true, rate, units, unitSeconds: card.unitSeconds, yen: (units * card.tenthsOfYenPerUnit) / 10 };
}
