import { busy, field, h, messageArea } from '../dom.js';
import { formatNumber } from '../format.js';

const NUMBER_SLOTS = 3;

/** Add or edit one phonebook entry (`entry` undefined = new); up to three numbers, as in the CSV. */
export function renderEntryForm(context, entry, { onSaved, onCancel }) {
  const text = (name, value, attrs = {}) => h('input', { type: 'text', name, value: value ?? '', ...attrs });
  const name = text('name', entry?.name, { required: true, maxlength: '100' });
  const reading = text('reading', entry?.reading, { maxlength: '100' });
  const company = text('company', entry?.company, { maxlength: '100' });
  const department = text('department', entry?.department, { maxlength: '100' });
  const notes = h('textarea', { name: 'notes', rows: '2', maxlength: '1000' });
  notes.value = entry?.notes ?? '';
  const numberRows = Array.from({ length: NUMBER_SLOTS }, (_, i) => {
    const existing = entry?.numbers?.[i];
    return {
      label: text(`label${i}`, existing?.label, { maxlength: '20', placeholder: '会社・携帯など' }),
      number: text(`number${i}`, existing ? formatNumber(existing.digits ?? existing.number) : '', { inputmode: 'tel' }),
    };
  });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, entry ? '更新' : '登録');
  const messages = messageArea('phonebook-form');
  const title = entry ? `${entry.name} を編集` : '連絡先の新規登録';

  return h(
    'form',
    {
      class: 'editor',
      'aria-label': title,
      onsubmit: async (event) => {
        event.preventDefault();
        const body = {
          name: name.value,
          reading: reading.value,
          company: company.value,
          department: department.value,
          notes: notes.value,
          numbers: numberRows.filter((row) => row.number.value.trim() !== '').map((row) => ({ label: row.label.value, number: row.number.value })),
        };
        const saved = await busy(submit, messages, () =>
          entry ? context.api.patch(`/api/customer/phonebook/${entry.id}`, body) : context.api.post('/api/customer/phonebook', body),
        );
        if (saved) onSaved(entry ? `${body.name} を更新しました` : `${body.name} を登録しました`);
      },
    },
    h('h2', { class: 'form__heading' }, title),
    h('div', { class: 'form-row' }, field('名前', name), field('フリガナ', reading), field('会社名', company), field('部署', department)),
    numberRows.map((row, i) => h('div', { class: 'form-row' }, field(`種別${i + 1}`, row.label), field(`電話番号${i + 1}`, row.number))),
    field('メモ', notes),
    messages.nodes,
    h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', class: 'btn btn--quiet', onclick: onCancel }, 'キャンセル')),
  );
}
