/** Japanese display formats: numbers with hyphens, yen with separators, durations, dates (JST). */

const TWO_DIGIT_AREA = ['03', '06'];
const FOUR_DIGIT_PREFIX = ['0120', '0800', '0570'];
const NON_GEOGRAPHIC_3 = ['050', '070', '080', '090', '020'];

/** 0355550100 → 03-5555-0100 (the same rules as src-shared/domain/phone-number.ts). */
export function formatNumber(digits) {
  const d = String(digits ?? '').replace(/\D/g, '');
  if (!d.startsWith('0')) return d;
  if (FOUR_DIGIT_PREFIX.some((p) => d.startsWith(p)) && d.length === 10) return `${d.slice(0, 4)}-${d.slice(4, 7)}-${d.slice(7)}`;
  if (NON_GEOGRAPHIC_3.some((p) => d.startsWith(p)) && d.length === 11) return `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
  if (d.length === 10) {
    if (TWO_DIGIT_AREA.includes(d.slice(0, 2))) return `${d.slice(0, 2)}-${d.slice(2, 6)}-${d.slice(6)}`;
    return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
  }
  return d;
}

const yenFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });

export function yen(amount) {
  return typeof amount === 'number' && Number.isFinite(amount) ? `${yenFormat.format(amount)}円` : '—';
}

export function duration(seconds) {
  const s = Math.max(0, Math.round(seconds ?? 0));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

const dateTimeFormat = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

export function dateTime(ms) {
  return typeof ms === 'number' ? dateTimeFormat.format(new Date(ms)) : '—';
}

/** The current month in JST as YYYY-MM (months of the call log are JST). */
export function currentMonth(now = Date.now()) {
  const jst = new Date(now + 9 * 3600_000);
  return `${jst.getUTCFullYear()}-${String(jst.getUTCMonth() + 1).padStart(2, '0')}`;
}

export const DEVICE_KIND_LABELS = {
  softphone: 'ソフトフォン',
  ipPhone: 'IP電話機',
  adapter: 'アダプタ',
  smartphoneApp: 'スマホアプリ',
};

export const ID_KIND_LABELS = { basic: '基本ID', additional: '追加ID' };
export const NUMBER_KIND_LABELS = { contract: '契約番号', additional: '追加番号' };
