import { busy, field, h, messageArea } from '../dom.js';
import { ID_KIND_LABELS, NUMBER_KIND_LABELS, formatNumber } from '../format.js';
import { loadOverview } from './overview.js';
import { deviceKindSelect } from './settings.js';

/** 一般設定 of one ID: 発信外線番号, 表示名, 内線番号, パスワード, 端末種別, ソフトフォンオプション. */
export async function renderIdSettings(context, { idId }) {
  const overview = await loadOverview(context.api);
  const id = overview.ids.find((candidate) => String(candidate.idId) === idId);
  if (!id) {
    return h(
      'section',
      { class: 'view' },
      h('h1', { class: 'view__title' }, '一般設定'),
      h('p', { class: 'form-error', role: 'alert' }, '指定されたIDはありません'),
      h('a', { href: '#/settings' }, '番号・ID設定に戻る'),
    );
  }

  // 発信外線番号: the tenant's company numbers and this ID's own direct number (DESIGN.md §2);
  // the server lists them with labels, the overview's numbers are the fallback
  const options = id.callerNumbers ?? [...overview.numbers, { number: id.directNumber, kind: 'direct', label: '' }];
  const choices = options.map((option) => ({
    value: option.number,
    text: `${formatNumber(option.number)}（${[option.kind === 'direct' ? 'このIDの直通番号' : NUMBER_KIND_LABELS[option.kind], option.kind === 'direct' ? '' : option.label].filter(Boolean).join('・')}）`,
  }));
  const callerNumber = h('select', { name: 'defaultCallerNumber' }, choices.map((choice) => h('option', { value: choice.value, selected: choice.value === id.defaultCallerNumber }, choice.text)));
  const displayName = h('input', { name: 'displayName', type: 'text', maxlength: '64', value: id.displayName });
  const extension = h('input', { name: 'extension', type: 'text', inputmode: 'numeric', value: id.extension });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password' });
  const deviceKind = deviceKindSelect(id.deviceKind);
  const softphoneOption = h('input', { name: 'softphoneOption', type: 'checkbox', checked: Boolean(id.softphoneOption) });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, '保存');
  const messages = messageArea('id-settings');

  const form = h(
    'form',
    {
      class: 'panel form-grid',
      onsubmit: async (event) => {
        event.preventDefault();
        // only what changed: an unchanged field is not re-validated against rules it already meets
        const patch = {};
        if (callerNumber.value !== id.defaultCallerNumber) patch.defaultCallerNumber = callerNumber.value;
        if (displayName.value !== id.displayName) patch.displayName = displayName.value;
        if (extension.value.trim() !== id.extension) patch.extension = extension.value.trim();
        if (password.value) patch.password = password.value;
        if (deviceKind.value !== id.deviceKind) patch.deviceKind = deviceKind.value;
        if (softphoneOption.checked !== Boolean(id.softphoneOption)) patch.softphoneOption = softphoneOption.checked;
        if (Object.keys(patch).length === 0) {
          messages.showStatus('変更はありません');
          return;
        }
        const saved = await busy(submit, messages, () => context.api.patch(`/api/customer/ids/${id.idId}`, patch));
        if (!saved) return;
        Object.assign(id, saved.id ?? {});
        password.value = '';
        messages.showStatus('保存しました。ログイン中のソフトフォンにもすぐ反映されます');
      },
    },
    field('発信外線番号', callerNumber, '外線に発信するときに相手に通知する番号'),
    field('表示名', displayName),
    field('内線番号', extension, '2〜6桁の数字（先頭は1〜9）'),
    field('新しいパスワード', password, '変更するときだけ入力（8文字以上）'),
    field('端末種別', deviceKind),
    h('div', { class: 'field' }, h('span', { class: 'field__label' }, 'ソフトフォンオプション'), h('label', { class: 'check' }, softphoneOption, 'ソフトフォンを使う（650円/月）')),
    h('div', { class: 'form-actions' }, submit, h('a', { href: '#/settings', class: 'btn btn--quiet' }, '番号・ID設定に戻る')),
    messages.nodes,
  );

  return h(
    'section',
    { class: 'view' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/settings' }, '番号・ID設定'), ' › 一般設定'),
    h('h1', { class: 'view__title' }, `一般設定: ${formatNumber(id.directNumber)}（${id.displayName}）`),
    h('p', { class: 'hint' }, `${ID_KIND_LABELS[id.kind] ?? id.kind}・直通番号 ${formatNumber(id.directNumber)}`),
    form,
  );
}
