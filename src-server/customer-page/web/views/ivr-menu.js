import { busy, field, h, messageArea } from '../dom.js';
import { formatNumber } from '../format.js';
import { loadOverview } from './overview.js';

const NO_CHOICE_LABELS = { ringSet: 'この番号の鳴り分けで着信する', hangUp: '通話を終了する' };

/**
 * 自動音声応答 (IVR) of one company number: the prompt, one row per option (keys, name, the IDs it
 * rings), how long to wait for keys, how often to repeat the prompt, and what happens without a
 * usable choice. The server checks every rule and answers in Japanese; this page only shows it.
 */
export async function renderIvrMenu(context, { numberId }) {
  const overview = await loadOverview(context.api);
  const number = overview.numbers.find((candidate) => String(candidate.numberId) === numberId);
  if (!number) {
    return h(
      'section',
      { class: 'view' },
      h('h1', { class: 'view__title' }, '自動音声応答'),
      h('p', { class: 'form-error', role: 'alert' }, '指定された番号はありません'),
      h('a', { href: '#/settings' }, '番号・ID設定に戻る'),
    );
  }
  const path = `/api/customer/numbers/${number.numberId}/ivr-menu`;
  const data = await context.api.get(path);
  const menu = data.menu ?? { prompt: data.prompts?.[0]?.name ?? '', options: [], timeoutSeconds: 5, repeats: 1, onNoChoice: 'ringSet' };
  const shown = `${formatNumber(number.number)}${number.label ? ` ${number.label}` : ''}`;

  const prompt = h('select', { name: 'prompt' }, (data.prompts ?? []).map((p) => h('option', { value: p.name, selected: p.name === menu.prompt }, p.label)));
  const timeoutSeconds = h('input', { name: 'timeoutSeconds', type: 'number', min: '1', max: '30', value: String(menu.timeoutSeconds) });
  const repeats = h('input', { name: 'repeats', type: 'number', min: '0', max: '3', value: String(menu.repeats) });
  const onNoChoice = h('select', { name: 'onNoChoice' }, Object.entries(NO_CHOICE_LABELS).map(([value, text]) => h('option', { value, selected: value === menu.onNoChoice }, text)));

  const rows = [];
  const tbody = h('tbody');
  const addRow = (option) => {
    const digits = h('input', { type: 'text', class: 'field__control', maxlength: '4', inputmode: 'tel', value: option.digits, 'aria-label': '押すキー' });
    const label = h('input', { type: 'text', class: 'field__control', maxlength: '32', value: option.label ?? '', 'aria-label': '選択肢の名前' });
    const ringing = new Set(option.ringSet ?? []);
    const boxes = overview.ids.map((id) => ({ id, box: h('input', { type: 'checkbox', value: String(id.idId), checked: ringing.has(id.idId) }) }));
    const row = { digits, label, boxes, node: undefined };
    row.node = h(
      'tr',
      { 'data-testid': 'ivr-option' },
      h('td', {}, digits),
      h('td', {}, label),
      h('td', {}, h('div', { class: 'ring-set__boxes' }, boxes.map(({ id, box }) => h('label', { class: 'check' }, box, `${id.displayName}（内線 ${id.extension}）`)))),
      h('td', {}, h('button', { type: 'button', class: 'btn btn--quiet btn--small btn--danger-text', onclick: () => {
        rows.splice(rows.indexOf(row), 1);
        row.node.remove();
      } }, '削除')),
    );
    rows.push(row);
    tbody.append(row.node);
  };
  for (const option of menu.options) addRow(option);
  if (rows.length === 0) addRow({ digits: '1', label: '', ringSet: number.ringSet ?? [] });

  const messages = messageArea('ivr-menu');
  const save = h('button', { type: 'submit', class: 'btn btn--primary' }, '保存');
  const remove = h('button', { type: 'button', class: 'btn btn--quiet btn--danger-text', onclick: async () => {
    if (!window.confirm(`${shown} の自動音声応答をやめますか？（着信は鳴り分けのIDに直接つながります）`)) return;
    const done = await busy(remove, messages, () => context.api.delete(path).then(() => true));
    if (done) context.refresh(`${shown} の自動音声応答をやめました`);
  } }, '自動音声応答をやめる');

  return h(
    'section',
    { class: 'view' },
    h('h1', { class: 'view__title' }, `自動音声応答: ${shown}`),
    h('p', { class: 'hint' }, '着信すると案内音声が流れ、押されたキーの選択肢のIDに着信します（押されたキーは着信画面に表示されます）。'),
    h(
      'form',
      {
        class: 'panel form-grid',
        onsubmit: async (event) => {
          event.preventDefault();
          const body = {
            prompt: prompt.value,
            timeoutSeconds: Number(timeoutSeconds.value),
            repeats: Number(repeats.value),
            onNoChoice: onNoChoice.value,
            options: rows.map((row) => ({
              digits: row.digits.value.trim(),
              label: row.label.value.trim(),
              ringSet: row.boxes.filter(({ box }) => box.checked).map(({ id }) => id.idId),
            })),
          };
          const saved = await busy(save, messages, () => context.api.put(path, body));
          if (saved) messages.showStatus(`${shown} の自動音声応答を保存しました`);
        },
      },
      field('案内音声', prompt),
      h(
        'table',
        { class: 'table' },
        h('thead', {}, h('tr', {}, ['押すキー', '選択肢の名前', '着信するID', ''].map((text) => h('th', { scope: 'col' }, text)))),
        tbody,
      ),
      h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'btn btn--quiet btn--small', onclick: () => addRow({ digits: '', label: '', ringSet: [] }) }, '選択肢を追加')),
      field('入力の待ち時間（秒）', timeoutSeconds),
      field('案内の繰り返し（回）', repeats),
      field('選択がなかったとき', onNoChoice),
      h('div', { class: 'form-actions' }, save, data.menu ? remove : null),
      messages.nodes,
    ),
    h('a', { href: '#/settings' }, '番号・ID設定に戻る'),
  );
}
