import { busy, h, messageArea } from '../dom.js';

/** パーク保留: a name for each park slot (*71 …), shown on the softphones' park buttons. */
export async function renderParkSlots(context) {
  const data = await context.api.get('/api/customer/park-slots');
  const inputs = (data.slots ?? []).map((slot) => ({
    slot: slot.slot,
    input: h('input', { type: 'text', class: 'field__control', maxlength: '32', value: slot.name ?? '', 'aria-label': `パーク ${slot.slot} の名前` }),
  }));
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, '保存');
  const messages = messageArea('park-slots');
  return h(
    'section',
    { class: 'view' },
    h('h1', { class: 'view__title' }, 'パーク保留'),
    h('p', { class: 'hint' }, 'パーク番号ごとの名前（例: 社長室、倉庫）。空欄にするとパーク番号だけを表示します。'),
    h(
      'form',
      {
        class: 'panel',
        onsubmit: async (event) => {
          event.preventDefault();
          const slots = inputs.map(({ slot, input }) => ({ slot, name: input.value.trim() || null }));
          const saved = await busy(submit, messages, () => context.api.put('/api/customer/park-slots', { slots }));
          if (saved) messages.showStatus('保存しました');
        },
      },
      h(
        'table',
        { class: 'table table--narrow' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'パーク番号'), h('th', { scope: 'col' }, '名前'))),
        h('tbody', {}, inputs.map(({ slot, input }) => h('tr', {}, h('th', { scope: 'row' }, slot), h('td', {}, input)))),
      ),
      h('div', { class: 'form-actions' }, submit),
      messages.nodes,
    ),
  );
}
