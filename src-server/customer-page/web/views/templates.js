import { busy, field, h, messageArea } from '../dom.js';

/** CRM連携 / 番号検索: URL templates the softphone fills in for the call on screen. */
export async function renderTemplates(context) {
  const data = await context.api.get('/api/customer/templates');
  const crmUrl = h('input', { name: 'crmUrl', type: 'url', value: data.crmUrl ?? '', placeholder: 'https://crm.example.jp/search?tel={number}', spellcheck: 'false' });
  const numberSearchUrl = h('input', { name: 'numberSearchUrl', type: 'url', value: data.numberSearchUrl ?? '', placeholder: 'https://www.google.com/search?q={number}', spellcheck: 'false' });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, '保存');
  const messages = messageArea('templates');
  const placeholders = Object.entries(data.placeholders ?? {});
  return h(
    'section',
    { class: 'view' },
    h('h1', { class: 'view__title' }, 'CRM連携・番号検索'),
    h('p', { class: 'hint' }, '着信ポップアップから開くURLです。空欄にすると使いません。'),
    h(
      'form',
      {
        class: 'panel stack form--wide',
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          const saved = await busy(submit, messages, () => context.api.put('/api/customer/templates', { crmUrl: crmUrl.value.trim() || null, numberSearchUrl: numberSearchUrl.value.trim() || null }));
          if (saved) messages.showStatus('保存しました。ソフトフォンにもすぐ反映されます');
        },
      },
      field('CRM連携URL', crmUrl),
      field('番号検索URL', numberSearchUrl),
      h('div', { class: 'form-actions' }, submit),
      messages.nodes,
    ),
    placeholders.length > 0
      ? h(
          'section',
          { class: 'panel', 'aria-labelledby': 'placeholders-heading' },
          h('h2', { class: 'panel__heading', id: 'placeholders-heading' }, '使える置き換え文字'),
          h('dl', { class: 'summary' }, placeholders.map(([name, meaning]) => [h('dt', {}, h('code', {}, `{${name}}`)), h('dd', {}, meaning)])),
        )
      : null,
  );
}
