import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PhoneProvider } from '../../app/phone-context.js';
import { PhoneClient } from '../../client/phone-client.js';
import { liveTranslator, LocaleRoot } from '../../app/locale-root.js';
import { createTranslator, resolveLocale } from '../../i18n/translator.js';
import { createPhoneIntents } from '../../store/phone-intents.js';
import { createPhoneStore } from '../../store/phone-store.js';
import { syncSnapshots } from '../../store/snapshot-sync.js';
import { PopupWindow } from './PopupWindow.js';
import '../../styles/base.css';
import '../../styles/popup.css';

/** Electron popup window: the incoming call main shows it for (see PopupWindow). */
function start(): void {
  const params = new URLSearchParams(window.location.search);
  const locale = resolveLocale(params.get('lang'));
  const t = createTranslator(locale);
  document.documentElement.lang = locale;
  document.title = t('popup.title');
  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from popup.html');
  const root = createRoot(container);

  const bridge = window.plusphone;
  if (!bridge) {
    root.render(
      <p className="banner banner--error" role="alert">
        {t('error.unavailable')}
      </p>,
    );
    return;
  }
  const client = new PhoneClient(bridge, { unavailable: t('error.unavailable'), timeout: t('error.timeout') });
  const store = createPhoneStore();
  const intents = createPhoneIntents(client, store, liveTranslator(store, locale));
  const stopSync = syncSnapshots(client, store);
  window.addEventListener('pagehide', stopSync, { once: true });
  root.render(
    <StrictMode>
      <PhoneProvider store={store} intents={intents}>
        <LocaleRoot initial={locale} titleKey="popup.title">
          <PopupWindow />
        </LocaleRoot>
      </PhoneProvider>
    </StrictMode>,
  );
}

start();
