import { Api } from './api.js';
import { clear, h } from './dom.js';
import { ROUTES, matchRoute } from './routes.js';
import { renderLogin } from './views/login.js';
import { renderUnavailable } from './views/unavailable.js';

/**
 * The お客様ページ: a session check, then a tiny hash router (#/settings, #/ids/12, …) that
 * renders one view at a time into the shell. Views get a context with the API, the session
 * and navigation; they build their own DOM and never see another view's state.
 */
class CustomerPage {
  constructor(root) {
    this.root = root;
    this.session = null;
    this.api = new Api({ onUnauthorized: (error) => this.sessionLost(error.message) });
    this.renderToken = 0;
    /** a message for the login screen (why the session ended), shown once */
    this.loginNotice = undefined;
    /** a message for the next render of a screen (what an add or remove did), shown once */
    this.flash = undefined;
  }

  async start() {
    window.addEventListener('hashchange', () => this.render());
    try {
      const session = await this.api.get('/api/customer/session');
      this.signedIn(session);
    } catch {
      this.session = null;
    }
    await this.render();
  }

  signedIn(session) {
    this.session = { tenantName: session?.tenantName ?? '', mainNumber: session?.mainNumber ?? '' };
    this.api.csrfToken = session?.csrfToken ?? '';
  }

  sessionLost(message) {
    this.session = null;
    this.api.csrfToken = '';
    this.loginNotice = message;
    if (location.hash !== '#/login') location.hash = '#/login';
    else this.render();
  }

  navigate(hash) {
    if (location.hash === hash) this.render();
    else location.hash = hash;
  }

  async render() {
    const token = ++this.renderToken;
    if (!this.session) {
      this.renderLogin();
      return;
    }
    const hash = location.hash || '#/settings';
    const match = matchRoute(hash);
    if (!match || hash === '#/login') {
      this.navigate('#/settings');
      return;
    }
    const main = h('main', { id: 'main', class: 'main', tabindex: '-1' }, h('p', { class: 'loading' }, '読み込み中…'));
    clear(this.root).append(this.shell(match.route), main);
    const context = {
      api: this.api,
      session: this.session,
      navigate: (next) => this.navigate(next),
      /** re-render this screen (after an add or remove), with a message to show on top */
      refresh: (message) => {
        this.flash = message;
        return this.render();
      },
    };
    const flash = this.flash;
    this.flash = undefined;
    let view;
    try {
      view = await match.route.render(context, match.params);
    } catch (error) {
      view = error?.unavailable ? renderUnavailable(match.route.title) : errorView(match.route.title, error);
    }
    // a later navigation won while this view was loading: drop the stale one
    if (token !== this.renderToken) return;
    main.replaceChildren(view);
    if (flash) view.querySelector('h1')?.after(h('p', { class: 'form-status', role: 'status', 'data-testid': 'flash' }, flash));
    document.title = `${match.route.title} | お客様ページ`;
    main.querySelector('h1')?.setAttribute('tabindex', '-1');
    main.querySelector('h1')?.focus({ preventScroll: true });
  }

  renderLogin() {
    const notice = this.loginNotice;
    this.loginNotice = undefined;
    document.title = 'ログイン | お客様ページ';
    clear(this.root).append(
      renderLogin({
        api: this.api,
        notice,
        onLoggedIn: (session) => {
          this.signedIn(session);
          this.navigate('#/settings');
        },
      }),
    );
  }

  shell(current) {
    const logout = h('button', { type: 'button', class: 'btn btn--quiet btn--small', onclick: () => this.logout() }, 'ログアウト');
    const links = ROUTES.filter((route) => route.nav).map((route) =>
      h('li', {}, h('a', { href: route.hash, class: 'nav__link', 'aria-current': route === current || route.hash === current.navParent ? 'page' : null }, route.title)),
    );
    return h(
      'header',
      { class: 'topbar' },
      h('div', { class: 'topbar__brand' }, h('span', { class: 'topbar__product' }, 'PlusPhone お客様ページ'), h('span', { class: 'topbar__tenant', 'data-testid': 'tenant-name' }, this.session.tenantName)),
      h('nav', { class: 'nav', 'aria-label': 'メニュー' }, h('ul', { class: 'nav__list' }, links)),
      logout,
    );
  }

  async logout() {
    try {
      await this.api.post('/api/customer/logout', {});
    } catch {
      // the session ends on this side either way; the cookie expires on its own
    }
    this.session = null;
    this.api.csrfToken = '';
    this.navigate('#/login');
  }
}

function errorView(title, error) {
  return h(
    'section',
    { class: 'view' },
    h('h1', { class: 'view__title' }, title),
    h('p', { class: 'form-error', role: 'alert' }, error instanceof Error ? error.message : String(error)),
  );
}

new CustomerPage(document.getElementById('app')).start();
