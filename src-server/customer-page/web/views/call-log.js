import { append, clear, field, h } from '../dom.js';
import { currentMonth, dateTime, duration, formatNumber, yen } from '../format.js';

const KIND_LABELS = { internal: '内線', outgoingOutside: '外線発信', incomingOutside: '外線着信' };
const RESULT_LABELS = { answered: '応答', noAnswer: '不在', busy: '話中', rejected: '拒否', cancelled: '取消', failed: '失敗' };
const PAGE_SIZE = 50;

/** 通話履歴: one month's calls (JST), newest first, with the month's totals. */
export async function renderCallLog(context) {
  const month = h('input', { type: 'month', name: 'month', value: currentMonth(), required: true });
  const results = h('div', { class: 'stack' });
  const show = async (offset = 0) => {
    const query = `month=${encodeURIComponent(month.value)}`;
    try {
      const [page, summary] = await Promise.all([
        context.api.get(`/api/customer/call-log?${query}&offset=${offset}&limit=${PAGE_SIZE}`),
        context.api.get(`/api/customer/call-log/summary?${query}`),
      ]);
      append(clear(results), [totals(summary), table(page), pager(page, show)]);
    } catch (error) {
      clear(results).append(h('p', { class: 'form-error', role: 'alert' }, error.message));
    }
  };
  // the first load's failure (e.g. no API yet) is the whole screen's
  const [page, summary] = await Promise.all([
    context.api.get(`/api/customer/call-log?month=${month.value}&offset=0&limit=${PAGE_SIZE}`),
    context.api.get(`/api/customer/call-log/summary?month=${month.value}`),
  ]);
  append(results, [totals(summary), table(page), pager(page, show)]);
  return h(
    'section',
    { class: 'view' },
    h('h1', { class: 'view__title' }, '通話履歴'),
    h(
      'form',
      {
        class: 'form-row panel',
        onsubmit: (event) => {
          event.preventDefault();
          show(0);
        },
      },
      field('年月', month),
      h('button', { type: 'submit', class: 'btn btn--primary' }, '表示'),
    ),
    results,
  );
}

function totals(summary) {
  const item = (term, value, testId) => [h('dt', {}, term), h('dd', { 'data-testid': testId }, value)];
  const unpriced = summary.unpricedCalls > 0 ? `（料金表にない通話 ${summary.unpricedCalls} 件を除く）` : '';
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'totals-heading' },
    h('h2', { class: 'panel__heading', id: 'totals-heading' }, `${summary.month ?? ''} の合計`),
    h(
      'dl',
      { class: 'summary' },
      item('通話件数', `${summary.calls ?? 0} 件（応答 ${summary.answered ?? 0} 件）`, 'calls-total'),
      item('通話時間', duration(summary.durationSeconds), 'duration-total'),
      item('通話料', `${yen(summary.chargeYen ?? 0)}${unpriced}`, 'charge-total'),
      Object.entries(summary.byKind ?? {}).map(([kind, kindTotals]) =>
        item(KIND_LABELS[kind] ?? kind, `${kindTotals.calls} 件・${duration(kindTotals.durationSeconds)}・${yen(kindTotals.chargeYen)}`),
      ),
    ),
  );
}

function table(page) {
  const entries = page.entries ?? [];
  if (entries.length === 0) return h('p', { class: 'notice', 'data-testid': 'call-log-empty' }, 'この月の通話はありません');
  return h(
    'table',
    { class: 'table panel', 'data-testid': 'call-log-table' },
    h('caption', { class: 'visually-hidden' }, '通話の一覧（新しい順）'),
    h('thead', {}, h('tr', {}, ['日時', '種別', '発信者', '相手先', '結果', '通話時間', '通話料'].map((text) => h('th', { scope: 'col' }, text)))),
    h(
      'tbody',
      {},
      entries.map((entry) =>
        h(
          'tr',
          {},
          h('td', {}, dateTime(entry.startedAt)),
          h('td', {}, KIND_LABELS[entry.kind] ?? entry.kind),
          h('td', {}, entry.callerName ? `${entry.callerName} ` : '', formatNumber(entry.callerNumber)),
          h('td', {}, formatNumber(entry.dialledNumber), entry.companyNumber ? h('span', { class: 'cell-note' }, `着信番号 ${formatNumber(entry.companyNumber)}`) : null),
          h('td', {}, RESULT_LABELS[entry.result] ?? entry.result),
          h('td', { class: 'num' }, duration(entry.durationSeconds)),
          h('td', { class: 'num' }, entry.chargeYen === null ? '—' : yen(entry.chargeYen)),
        ),
      ),
    ),
  );
}

function pager(page, show) {
  const { offset = 0, limit = PAGE_SIZE, total = 0 } = page;
  if (total <= limit) return null;
  return h(
    'div',
    { class: 'pager' },
    h('button', { type: 'button', class: 'btn btn--quiet btn--small', disabled: offset === 0, onclick: () => show(Math.max(0, offset - limit)) }, '前へ'),
    h('span', {}, `${offset + 1}〜${Math.min(total, offset + limit)} 件 / ${total} 件`),
    h('button', { type: 'button', class: 'btn btn--quiet btn--small', disabled: offset + limit >= total, onclick: () => show(offset + limit) }, '次へ'),
  );
}
