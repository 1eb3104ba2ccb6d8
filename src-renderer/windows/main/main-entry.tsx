import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectBrowserHost } from '../../app/browser-host-connection.js';
import { forwardNetworkEvents } from '../../app/network-events.js';
import { PhoneProvider } from '../../app/phone-context.js';
import { electronConnection, type WindowConnection } from '../../app/window-connection.js';
import { PhoneClient } from '../../client/phone-client.js';
import { liveTranslator, LocaleRoot } from '../../app/locale-root.js';
import { createTranslator, resolveLocale } from '../../i18n/translator.js';
import { createPhoneIntents } from '../../store/phone-intents.js';
import { createPhoneStore } from '../../store/phone-store.js';
import { syncSnapshots } from '../../store/snapshot-sync.js';
import { MainApp } from './MainApp.js';
import '../../styles/base.css';
import '../../styles/main.css';
import '../../styles/popup.css';
import '../../styles/settings.css';

function requireElement(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element;
}

/**
 * Main window: Electron (preload bridge) or the browser host (WebSocket, media in the page).
 * `?lang=` gives the language until the settings (in the first snapshot) say otherwise.
 */
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
  const intents = createPhoneIntents(client, store, liveTranslator(store, locale));
  const stopSync = syncSnapshots(client, store);
  const stopWatching = connection.onClosed(() => store.getState().setHostConnection('closed'));
  const stopNetwork = forwardNetworkEvents(window, (online) => void client.invoke('connection.networkChanged', { online }));
  window.addEventListener(
    'pagehide',
    () => {
      stopWatching();
      stopNetwork();
      stopSync();
      connection.dispose();
    },
    { once: true },
  );

  root.render(
    <StrictMode>
      <PhoneProvider store={store} intents={intents}>
        <LocaleRoot initial={locale} titleKey="app.title">
          <MainApp defaultServerUrl={connection.defaultServerUrl} withPopupOverlay={connection.inBrowserHost} />
        </LocaleRoot>
      </PhoneProvider>
    </StrictMode>,
  );
}

void start();
