import { busy, clear, field, h, messageArea } from '../dom.js';
import { formatNumber } from '../format.js';
import { renderImportPanel } from './phonebook-import.js';
import { renderEntryForm } from './phonebook-form.js';

const PAGE_SIZE = 50;

/** Web電話帳: search and page through the tenant's entries, add, edit, delete, CSV in and out. */
export async function renderPhonebook(context) {
  const state = { q: '', offset: 0 };
  const first = await context.api.get(`/api/customer/phonebook?offset=0&limit=${PAGE_SIZE}`);
  const listArea = h('div', { class: 'stack' });
  const editorArea = h('div', {});
  const listMessages = messageArea('phonebook');

  const load = async () => {
    try {
      const query = new URLSearchParams({ q: state.q, offset: String(state.offset), limit: String(PAGE_SIZE) });
      showList(await context.api.get(`/api/customer/phonebook?${query}`));
    } catch (error) {
      listMessages.showError(error.message);
    }
  };
  const openEditor = (entry) => {
    clear(editorArea).append(
      renderEntryForm(context, entry, {
        onSaved: (message) => {
          clear(editorArea);
          listMessages.showStatus(message);
          load();
        },
        onCancel: () => clear(editorArea),
      }),
    );
    editorArea.querySelector('input')?.focus();
  };
  const showList = (page) => clear(listArea).append(entryTable(context, page, { openEditor, listMessages, load }), pager(page, state, load));

  const search = h('input', { type: 'search', name: 'q', class: 'input--wide', placeholder: '名前・フリガナ・会社名・番号' });
  const searchForm = h(
    'form',
    {
      class: 'form-row',
      role: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        state.q = search.value.trim();
        state.offset = 0;
        load();
      },
    },
    field('検索', search),
    h('button', { type: 'submit', class: 'btn btn--primary' }, '検索'),
    h('button', { type: 'button', class: 'btn btn--quiet', onclick: () => openEditor(undefined) }, '新規登録'),
  );
  showList(first);

  return h(
    'section',
    { class: 'view' },
    h('h1', { class: 'view__title' }, 'Web電話帳'),
    h('div', { class: 'panel stack' }, searchForm, listMessages.nodes, editorArea, listArea),
    renderImportPanel(context, { onImported: load }),
    exportPanel(),
  );
}

function entryTable(context, page, { openEditor, listMessages, load }) {
  const entries = page.entries ?? [];
  if (entries.length === 0) return h('p', { class: 'notice', 'data-testid': 'phonebook-empty' }, '該当する連絡先はありません');
  return h(
    'table',
    { class: 'table', 'data-testid': 'phonebook-table' },
    h('caption', { class: 'visually-hidden' }, 'Web電話帳の連絡先'),
    h('thead', {}, h('tr', {}, ['名前', 'フリガナ', '会社名・部署', '電話番号', 'メモ', ''].map((text) => h('th', { scope: 'col' }, text)))),
    h(
      'tbody',
      {},
      entries.map((entry) =>
        h(
          'tr',
          { 'data-testid': 'phonebook-row' },
          h('th', { scope: 'row' }, entry.name),
          h('td', {}, entry.reading),
          h('td', {}, [entry.company, entry.department].filter(Boolean).join(' ')),
          h('td', { class: 'cell-numbers' }, (entry.numbers ?? []).map((number) => h('div', {}, number.label ? `${number.label}: ` : '', formatNumber(number.digits ?? number.number)))),
          h('td', { class: 'cell-notes' }, entry.notes),
          h(
            'td',
            { class: 'cell--actions' },
            h('button', { type: 'button', class: 'btn btn--quiet btn--small', 'aria-label': `${entry.name} を編集`, onclick: () => openEditor(entry) }, '編集'),
            h('button', {
              type: 'button',
              class: 'btn btn--quiet btn--small',
              'aria-label': `${entry.name} を削除`,
              onclick: async (event) => {
                if (!window.confirm(`${entry.name} を削除しますか？`)) return;
                const done = await busy(event.currentTarget, listMessages, () => context.api.delete(`/api/customer/phonebook/${entry.id}`).then(() => true));
                if (done) {
                  listMessages.showStatus(`${entry.name} を削除しました`);
                  load();
                }
              },
            }, '削除'),
          ),
        ),
      ),
    ),
  );
}

function pager(page, state, load) {
  const total = page.total ?? (page.entries ?? []).length;
  const offset = page.offset ?? state.offset;
  const limit = page.limit ?? PAGE_SIZE;
  const go = (next) => {
    state.offset = next;
    load();
  };
  return h(
    'div',
    { class: 'pager' },
    h('span', { 'data-testid': 'phonebook-total' }, `${total} 件`),
    total > limit ? h('button', { type: 'button', class: 'btn btn--quiet btn--small', disabled: offset === 0, onclick: () => go(Math.max(0, offset - limit)) }, '前へ') : null,
    total > limit ? h('button', { type: 'button', class: 'btn btn--quiet btn--small', disabled: offset + limit >= total, onclick: () => go(offset + limit) }, '次へ') : null,
  );
}

function exportPanel() {
  // plain links: the browser downloads with the session cookie; no script needed
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'export-heading' },
    h('h2', { class: 'panel__heading', id: 'export-heading' }, 'CSVエクスポート'),
    h(
      'p',
      { class: 'form-row' },
      h('a', { class: 'btn btn--quiet', href: '/api/customer/phonebook/export?encoding=utf8', download: 'phonebook-utf8.csv' }, 'UTF-8 でダウンロード'),
      h('a', { class: 'btn btn--quiet', href: '/api/customer/phonebook/export?encoding=sjis', download: 'phonebook-sjis.csv' }, 'Shift_JIS（Excel用）でダウンロード'),
    ),
  );
}
