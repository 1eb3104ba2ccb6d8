import { busy, field, h, messageArea } from '../dom.js';

/** ログイン: 主番号 (the 基本ID's direct number) and its password; the server's error as is. */
export function renderLogin({ api, notice, onLoggedIn }) {
  const mainNumber = h('input', { name: 'mainNumber', type: 'text', inputmode: 'tel', autocomplete: 'username', required: true, 'data-testid': 'login-main-number' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'login-password' });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary', 'data-testid': 'login-submit' }, 'ログイン');
  const messages = messageArea('login');
  if (notice) messages.showError(notice);

  const form = h(
    'form',
    {
      class: 'login__form',
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        messages.clear();
        if (!mainNumber.value.trim() || !password.value) {
          messages.showError('主番号とパスワードを入力してください');
          return;
        }
        const session = await busy(submit, messages, () => api.post('/api/customer/login', { mainNumber: mainNumber.value.trim(), password: password.value }));
        if (session) onLoggedIn(session);
        else password.select();
      },
    },
    field('主番号', mainNumber, '基本IDの直通番号（例: 050-3000-0001）'),
    field('パスワード', password),
    messages.nodes,
    submit,
  );
  const view = h(
    'main',
    { id: 'main', class: 'login', tabindex: '-1' },
    h('div', { class: 'login__panel panel' }, h('p', { class: 'login__product' }, 'PlusPhone'), h('h1', { class: 'login__title' }, 'お客様ページ ログイン'), form),
  );
  queueMicrotask(() => mainNumber.focus());
  return view;
}
