import { h } from '../dom.js';
import { yen } from '../format.js';

/** 料金見積: initial and monthly fees, line by line, from the contract as it is now (税抜). */
export async function renderFees(context) {
  const estimate = await context.api.get('/api/customer/fee-estimate');
  const lines = estimate.lines ?? [];
  const number = (value) => h('td', { class: 'num' }, value);
  return h(
    'section',
    { class: 'view' },
    h('h1', { class: 'view__title' }, '料金見積'),
    h('p', { class: 'hint' }, '現在の契約内容での見積です（税抜）。通話料は含みません。'),
    h(
      'table',
      { class: 'table panel', 'data-testid': 'fee-table' },
      h('caption', { class: 'visually-hidden' }, '料金見積の明細'),
      h(
        'thead',
        {},
        h('tr', {}, ['項目', '数量', '単価（初期）', '単価（月額）', '初期費用', '月額費用'].map((text, i) => h('th', { scope: 'col', class: i > 0 ? 'num' : null }, text))),
      ),
      h(
        'tbody',
        {},
        lines.map((line) =>
          h(
            'tr',
            { 'data-testid': `fee-line-${line.item}` },
            h('th', { scope: 'row' }, line.label, line.note ? h('span', { class: 'cell-note' }, line.note) : null),
            number(String(line.quantity)),
            number(yen(line.unitInitialYen)),
            number(yen(line.unitMonthlyYen)),
            number(yen(line.initialYen)),
            number(yen(line.monthlyYen)),
          ),
        ),
      ),
      h(
        'tfoot',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'row', colspan: '4' }, '合計（税抜）'),
          h('td', { class: 'num', 'data-testid': 'fee-total-initial' }, yen(estimate.initialYen)),
          h('td', { class: 'num', 'data-testid': 'fee-total-monthly' }, yen(estimate.monthlyYen)),
        ),
      ),
    ),
  );
}
