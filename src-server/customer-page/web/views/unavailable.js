import { h } from '../dom.js';

/** A screen whose server API does not exist yet: say so plainly instead of failing. */
export function renderUnavailable(title) {
  return h(
    'section',
    { class: 'view', 'data-testid': 'unavailable' },
    h('h1', { class: 'view__title' }, title),
    h('p', { class: 'notice' }, '準備中です。この画面はサーバーの対応後に使えるようになります。'),
  );
}
