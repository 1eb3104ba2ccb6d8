import { clear, field, h, messageArea } from '../dom.js';

/**
 * CSVインポート: the file's bytes go to the server as they are (UTF-8 or Shift_JIS as Excel
 * writes them; the server detects which). A rejected file changes nothing and comes back with
 * a report per row, shown as a table.
 */
export function renderImportPanel(context, { onImported }) {
  const file = h('input', { type: 'file', name: 'csv', accept: '.csv,text/csv', 'data-testid': 'import-file' });
  const append = h('input', { type: 'radio', name: 'mode', value: 'append', checked: true });
  const replace = h('input', { type: 'radio', name: 'mode', value: 'replace' });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, '取り込む');
  const messages = messageArea('import');
  const report = h('div', { 'data-testid': 'import-report' });

  const form = h(
    'form',
    {
      class: 'stack',
      onsubmit: async (event) => {
        event.preventDefault();
        clear(report);
        const chosen = file.files?.[0];
        if (!chosen) {
          messages.showError('CSVファイルを選んでください');
          return;
        }
        const mode = replace.checked ? 'replace' : 'append';
        const bytes = new Uint8Array(await chosen.arrayBuffer());
        submit.disabled = true;
        messages.clear();
        try {
          const result = await context.api.send('POST', `/api/customer/phonebook/import?mode=${mode}`, bytes, 'text/csv');
          messages.showStatus(importedMessage(result, mode));
          file.value = '';
          onImported();
        } catch (error) {
          messages.showError(error.message);
          const rows = reportRows(error.body);
          if (rows.length > 0) report.append(reportTable(rows));
        } finally {
          submit.disabled = false;
        }
      },
    },
    field('CSVファイル', file, '1行目は見出し（名前, フリガナ, 会社名, 部署, 電話番号1, 電話番号1種別, …, メモ）。UTF-8 または Shift_JIS（Excel の CSV）'),
    h(
      'fieldset',
      { class: 'radio-group' },
      h('legend', {}, '取り込み方法'),
      h('label', { class: 'check' }, append, '今の電話帳に追加する'),
      h('label', { class: 'check' }, replace, '今の電話帳をすべて置き換える'),
    ),
    h('div', { class: 'form-actions' }, submit),
    messages.nodes,
    report,
  );
  return h('section', { class: 'panel', 'aria-labelledby': 'import-heading' }, h('h2', { class: 'panel__heading', id: 'import-heading' }, 'CSVインポート'), form);
}

function importedMessage(result, mode) {
  const added = typeof result?.added === 'number' ? result.added : 0;
  return mode === 'replace' ? `電話帳を置き換えました（${result?.deleted ?? 0} 件を削除し、${added} 件を取り込みました）` : `${added} 件を取り込みました`;
}

/** The per-row problems of a rejected file, whatever the report's exact nesting. */
function reportRows(body) {
  const candidates = [body?.problems, body?.error?.problems, body?.report?.problems, body?.error?.report?.problems, body?.rows, body?.error?.rows, body?.report, body?.error?.report];
  const rows = candidates.find((candidate) => Array.isArray(candidate)) ?? [];
  return rows.flatMap((row) => {
    const line = row.row ?? row.line ?? row.rowNumber ?? '';
    const problems = Array.isArray(row.problems) ? row.problems : [row];
    return problems.map((problem) => ({
      line,
      column: problem.column ?? problem.field ?? placeOf(problem.place),
      reason: problem.reason ?? problem.message ?? '',
    }));
  });
}

function placeOf(place) {
  if (!place) return '';
  const names = { name: '名前', reading: 'フリガナ', company: '会社名', department: '部署', notes: 'メモ', numbers: '電話番号', number: '電話番号', label: '種別' };
  const base = names[place.field] ?? place.field;
  return typeof place.index === 'number' ? `${base}${place.index + 1}` : base;
}

function reportTable(rows) {
  return h(
    'table',
    { class: 'table table--report' },
    h('caption', {}, '取り込めなかった行（ファイルは取り込まれていません）'),
    h('thead', {}, h('tr', {}, ['行', '項目', '内容'].map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows.map((row) => h('tr', { 'data-testid': 'import-report-row' }, h('td', { class: 'num' }, String(row.line)), h('td', {}, row.column), h('td', {}, row.reason)))),
  );
}
