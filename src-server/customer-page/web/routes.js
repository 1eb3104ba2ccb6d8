import { renderCallLog } from './views/call-log.js';
import { renderFees } from './views/fees.js';
import { renderIdSettings } from './views/id-settings.js';
import { renderIvrMenu } from './views/ivr-menu.js';
import { renderParkSlots } from './views/park-slots.js';
import { renderPhonebook } from './views/phonebook.js';
import { renderSettings } from './views/settings.js';
import { renderTemplates } from './views/templates.js';

/** The screens, in menu order. `pattern` captures the hash's parameters. */
export const ROUTES = [
  { hash: '#/settings', pattern: /^#\/settings$/, title: '番号・ID設定', nav: true, render: renderSettings },
  { hash: '#/ids', pattern: /^#\/ids\/(\d+)$/, keys: ['idId'], title: '一般設定', navParent: '#/settings', render: renderIdSettings },
  { hash: '#/numbers', pattern: /^#\/numbers\/(\d+)\/ivr$/, keys: ['numberId'], title: '自動音声応答', navParent: '#/settings', render: renderIvrMenu },
  { hash: '#/phonebook', pattern: /^#\/phonebook$/, title: 'Web電話帳', nav: true, render: renderPhonebook },
  { hash: '#/templates', pattern: /^#\/templates$/, title: 'CRM連携・番号検索', nav: true, render: renderTemplates },
  { hash: '#/park-slots', pattern: /^#\/park-slots$/, title: 'パーク保留', nav: true, render: renderParkSlots },
  { hash: '#/call-log', pattern: /^#\/call-log$/, title: '通話履歴', nav: true, render: renderCallLog },
  { hash: '#/fees', pattern: /^#\/fees$/, title: '料金見積', nav: true, render: renderFees },
];

export function matchRoute(hash) {
  for (const route of ROUTES) {
    const found = route.pattern.exec(hash);
    if (found) return { route, params: Object.fromEntries((route.keys ?? []).map((key, i) => [key, found[i + 1]])) };
  }
  return undefined;
}
