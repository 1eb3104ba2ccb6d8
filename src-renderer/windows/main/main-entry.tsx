import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectBrowserHost } from '../../app/browser-host-connection.js';
import { PhoneProvider } from '../../app/phone-context.js';
import { electronConnection, type WindowConnection } from '../../app/window-connection.js';
import { PhoneClient } from '../../client/phone-client.js';
import { I18nProvider } from '../../i18n/i18n-context.js';
import { createTranslator, resolveLocale } from '../../i18n/translator.js';
import { createPhoneIntents } from '../../store/phone-intents.js';
import { createPhoneStore } from '../../store/phone-store.js';
import { syncSnapshots } from '../../store/snapshot-sync.js';
import { MainApp } from './MainApp.js';
import '../../styles/base.css';
import '../../styles/main.css';
import '../../styles/popup.css';

function requireElement(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element;
}

/** Main window: Electron (preload bridge) or the browser host (WebSocket, media in the page). */
async function start(): Promise<void> {
  const locale = resolveLocale(new URLSearchParams(window.location.search).get('lang'));
  const t = createTranslator(locale);
  document.documentElement.lang = locale;
  document.title = t('app.title');
  const root = createRoot(requireElement('root'));
  const messages = { unavailable: t('error.unavailable'), timeout: t('error.timeout') };

  let connection: WindowConnection;
  if (window.plusphone) {
    connection = electronConnection(window.plusphone);
  } else {
    root.render(<p className="banner">{t('app.hostConnecting')}</p>);
    try {
      connection = await connectBrowserHost(window, requireElement('media-audio'), messages);
    } catch (error) {
      console.error('[plusphone] cannot reach the browser host', error);
      root.render(
        <p className="banner banner--error" role="alert" data-testid="host-unavailable">
          {t('app.hostUnavailable')}
        </p>,
      );
      return;
    }
  }

  const client = new PhoneClient(connection.bridge, messages);
  const store = createPhoneStore();
  const intents = createPhoneIntents(client, store, t);
  const stopSync = syncSnapshots(client, store);
  const stopWatching = connection.onClosed(() => store.getState().setHostConnection('closed'));
  window.addEventListener(
    'pagehide',
    () => {
      stopWatching();
      stopSync();
      connection.dispose();
    },
    { once: true },
  );

  root.render(
    <StrictMode>
      <I18nProvider translate={t}>
        <PhoneProvider store={store} intents={intents}>
          <MainApp defaultServerUrl={connection.defaultServerUrl} withPopupOverlay={connection.inBrowserHost} />
        </PhoneProvider>
      </I18nProvider>
    </StrictMode>,
  );
}

void start();
