import { busy, field, h, messageArea } from '../dom.js';
import { NUMBER_KIND_LABELS, formatNumber } from '../format.js';

/** One company number: its label, its ring set (鳴り分け) as checkboxes, and removal for a 追加番号. */
export function renderNumberPanel(context, number, ids) {
  const shown = formatNumber(number.number);
  const headingId = `number-${number.numberId}-heading`;
  const ringing = new Set(number.ringSet ?? []);
  const boxes = ids.map((id) => ({
    id,
    box: h('input', { type: 'checkbox', name: 'ringSet', value: String(id.idId), checked: ringing.has(id.idId) }),
  }));
  const ringMessages = messageArea(`ring-set-${number.number}`);
  const saveRing = h('button', { type: 'submit', class: 'btn btn--primary btn--small' }, '鳴り分けを保存');
  const ringForm = h(
    'form',
    {
      class: 'ring-set',
      onsubmit: async (event) => {
        event.preventDefault();
        const idIds = boxes.filter(({ box }) => box.checked).map(({ id }) => id.idId);
        const saved = await busy(saveRing, ringMessages, () => context.api.put(`/api/customer/numbers/${number.numberId}/ring-set`, { idIds }));
        if (saved) ringMessages.showStatus(`${shown} の鳴り分けを保存しました`);
      },
    },
    h(
      'fieldset',
      { class: 'ring-set__fieldset' },
      h('legend', {}, `${shown} の鳴り分け（着信するID）`),
      h('div', { class: 'ring-set__boxes' }, boxes.map(({ id, box }) => h('label', { class: 'check' }, box, `${id.displayName}（内線 ${id.extension}）`))),
    ),
    h('div', { class: 'form-actions' }, saveRing),
    ringMessages.nodes,
  );

  const label = h('input', { name: 'label', type: 'text', maxlength: '64', value: number.label ?? '' });
  const saveLabel = h('button', { type: 'submit', class: 'btn btn--quiet btn--small' }, 'ラベルを保存');
  const labelMessages = messageArea();
  const labelForm = h(
    'form',
    {
      class: 'form-row',
      onsubmit: async (event) => {
        event.preventDefault();
        const saved = await busy(saveLabel, labelMessages, () => context.api.patch(`/api/customer/numbers/${number.numberId}`, { label: label.value }));
        if (saved) labelMessages.showStatus('ラベルを保存しました');
      },
    },
    field(`${shown} のラベル`, label),
    saveLabel,
    labelMessages.nodes,
  );

  const removeMessages = messageArea();
  const remove =
    number.kind === 'additional'
      ? h('button', {
          type: 'button',
          class: 'btn btn--quiet btn--small btn--danger-text',
          onclick: async (event) => {
            if (!window.confirm(`追加番号 ${shown} を削除しますか？`)) return;
            const done = await busy(event.currentTarget, removeMessages, () => context.api.delete(`/api/customer/numbers/${number.numberId}`).then(() => true));
            if (done) context.refresh(`追加番号 ${shown} を削除しました`);
          },
        }, `${shown} を削除`)
      : null;

  return h(
    'section',
    { class: 'panel number-panel', 'aria-labelledby': headingId, 'data-testid': `number-${number.number}` },
    h(
      'div',
      { class: 'number-panel__head' },
      h('h3', { class: 'number-panel__title', id: headingId }, h('span', { class: 'tag' }, NUMBER_KIND_LABELS[number.kind] ?? number.kind), ` ${shown}`, number.label ? ` ${number.label}` : ''),
      remove,
    ),
    removeMessages.nodes,
    labelForm,
    ringForm,
    h('p', {}, h('a', { href: `#/numbers/${number.numberId}/ivr`, 'data-testid': `ivr-link-${number.number}` }, `${shown} の自動音声応答（IVR）`)),
  );
}
