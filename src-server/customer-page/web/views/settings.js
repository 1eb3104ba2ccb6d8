import { busy, field, h, messageArea } from '../dom.js';
import { DEVICE_KIND_LABELS, ID_KIND_LABELS, NUMBER_KIND_LABELS, formatNumber } from '../format.js';
import { loadOverview } from './overview.js';
import { renderNumberPanel } from './number-panel.js';

/** 番号・ID設定: the contract at a glance, its IDs and company numbers, and adding/removing them. */
export async function renderSettings(context) {
  const overview = await loadOverview(context.api);
  const { ids, numbers } = overview;
  return h(
    'section',
    { class: 'view' },
    h('h1', { class: 'view__title' }, '番号・ID設定'),
    summary(overview),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'ids-heading' },
      h('h2', { class: 'panel__heading', id: 'ids-heading' }, `ID一覧（${ids.length}）`),
      idTable(context, ids),
      addIdForm(context),
    ),
    h(
      'section',
      { class: 'stack', 'aria-labelledby': 'numbers-heading' },
      h('h2', { class: 'section__heading', id: 'numbers-heading' }, `番号と鳴り分け（${numbers.length}）`),
      numbers.map((number) => renderNumberPanel(context, number, ids)),
      addNumberForm(context),
    ),
  );
}

function summary(overview) {
  const item = (term, value, testId) => [h('dt', {}, term), h('dd', { 'data-testid': testId }, value)];
  const additionalIds = overview.ids.filter((id) => id.kind === 'additional').length;
  const additionalNumbers = overview.numbers.filter((number) => number.kind === 'additional').length;
  return h(
    'dl',
    { class: 'summary panel' },
    item('契約', overview.tenantName),
    item('主番号', formatNumber(overview.mainNumber)),
    item('ID数', `${overview.ids.length}（基本ID 1・追加ID ${additionalIds}）`, 'id-count'),
    item('番号数', `${overview.numbers.length}（契約番号 1・追加番号 ${additionalNumbers}）`, 'number-count'),
    item('チャネル数', `${overview.channels} 回線（= ID数）`, 'channels'),
  );
}

function idTable(context, ids) {
  const rows = ids.map((id) => {
    const messages = messageArea();
    const remove =
      id.kind === 'additional'
        ? h('button', {
            type: 'button',
            class: 'btn btn--quiet btn--small',
            'aria-label': `${id.displayName}（${formatNumber(id.directNumber)}）を削除`,
            onclick: async (event) => {
              if (!window.confirm(`追加ID ${formatNumber(id.directNumber)}（${id.displayName}）を削除しますか？`)) return;
              const done = await busy(event.currentTarget, messages, () => context.api.delete(`/api/customer/ids/${id.idId}`).then(() => true));
              if (done) context.refresh(`追加ID ${formatNumber(id.directNumber)} を削除しました`);
            },
          }, '削除')
        : null;
    return h(
      'tr',
      { 'data-testid': `id-row-${id.directNumber}` },
      h('th', { scope: 'row' }, h('a', { href: `#/ids/${id.idId}` }, formatNumber(id.directNumber))),
      h('td', {}, ID_KIND_LABELS[id.kind] ?? id.kind),
      h('td', {}, id.extension),
      h('td', {}, id.displayName),
      h('td', {}, DEVICE_KIND_LABELS[id.deviceKind] ?? id.deviceKind, id.softphoneOption ? h('span', { class: 'tag' }, 'ソフトフォンOP') : null),
      h('td', { 'data-testid': 'caller-number' }, formatNumber(id.defaultCallerNumber)),
      h('td', { class: 'cell--actions' }, remove, messages.nodes),
    );
  });
  return h(
    'table',
    { class: 'table' },
    h('caption', { class: 'visually-hidden' }, 'ID一覧（直通番号を選ぶと一般設定を開きます）'),
    h('thead', {}, h('tr', {}, ['直通番号', '種別', '内線', '表示名', '端末', '発信外線番号', ''].map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows),
  );
}

function deviceKindSelect(value = 'softphone') {
  return h('select', { name: 'deviceKind' }, Object.entries(DEVICE_KIND_LABELS).map(([kind, label]) => h('option', { value: kind, selected: kind === value }, label)));
}

function addIdForm(context) {
  const displayName = h('input', { name: 'displayName', type: 'text', required: true, maxlength: '64' });
  const extension = h('input', { name: 'extension', type: 'text', inputmode: 'numeric', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true });
  const deviceKind = deviceKindSelect();
  const directNumber = h('input', { name: 'directNumber', type: 'text', inputmode: 'tel' });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, '追加IDを追加');
  const messages = messageArea('add-id');
  return h(
    'form',
    {
      class: 'inline-form',
      'aria-labelledby': 'add-id-heading',
      onsubmit: async (event) => {
        event.preventDefault();
        const body = { displayName: displayName.value, extension: extension.value.trim(), password: password.value, deviceKind: deviceKind.value };
        if (directNumber.value.trim()) body.directNumber = directNumber.value.replace(/\D/g, '');
        const created = await busy(submit, messages, () => context.api.post('/api/customer/ids', body));
        if (created) context.refresh(`追加ID（${displayName.value}）を追加しました`);
      },
    },
    h('h3', { class: 'form__heading', id: 'add-id-heading' }, '追加IDの追加'),
    h(
      'div',
      { class: 'form-row' },
      field('表示名', displayName),
      field('内線番号', extension),
      field('パスワード', password, '8文字以上'),
      field('端末種別', deviceKind),
      field('直通番号（任意）', directNumber, '空欄なら自動で割り当てます'),
      submit,
    ),
    messages.nodes,
  );
}

function addNumberForm(context) {
  const number = h('input', { name: 'number', type: 'text', inputmode: 'tel', required: true });
  const label = h('input', { name: 'label', type: 'text', maxlength: '64' });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, '追加番号を追加');
  const messages = messageArea('add-number');
  return h(
    'form',
    {
      class: 'inline-form panel',
      'aria-labelledby': 'add-number-heading',
      onsubmit: async (event) => {
        event.preventDefault();
        const body = { number: number.value.replace(/\D/g, ''), label: label.value };
        const created = await busy(submit, messages, () => context.api.post('/api/customer/numbers', body));
        if (created) context.refresh(`追加番号 ${formatNumber(body.number)} を追加しました`);
      },
    },
    h('h3', { class: 'form__heading', id: 'add-number-heading' }, '追加番号の追加'),
    h('p', { class: 'hint' }, `${NUMBER_KIND_LABELS.additional}は2つまで、かつ追加IDの数まで追加できます。`),
    h('div', { class: 'form-row' }, field('番号', number, '例: 03-5555-0400'), field('ラベル', label, '例: 経理部'), submit),
    messages.nodes,
  );
}

export { deviceKindSelect };
