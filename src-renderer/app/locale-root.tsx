import { useEffect, useMemo, type ReactNode } from 'react';
import { I18nProvider } from '../i18n/i18n-context.js';
import { createTranslator, type Locale, type Translate } from '../i18n/translator.js';
import type { PhoneStore } from '../store/phone-store.js';
import { usePhoneView } from './phone-context.js';

/**
 * The language the user chose in settings (carried by every snapshot), else the one the window
 * was opened with (`?lang=`, until the first snapshot arrives). A change in settings re-renders
 * the window in the new language at once; no reload.
 */
export function chosenLocale(store: PhoneStore, initial: Locale): Locale {
  return store.getState().snapshot.settings?.language ?? initial;
}

/** A translator that always speaks the currently chosen language (for code outside React: intents). */
export function liveTranslator(store: PhoneStore, initial: Locale): Translate {
  const translators: Partial<Record<Locale, Translate>> = {};
  return (key, params) => {
    const locale = chosenLocale(store, initial);
    translators[locale] ??= createTranslator(locale);
    return translators[locale](key, params);
  };
}

/** Provides the translator of the chosen language and keeps `<html lang>` and the title in step. */
export function LocaleRoot({ initial, titleKey, children }: { initial: Locale; titleKey: 'app.title' | 'popup.title'; children: ReactNode }) {
  const locale = usePhoneView((s) => s.snapshot.settings?.language ?? initial);
  const t = useMemo(() => createTranslator(locale), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t(titleKey);
  }, [locale, t, titleKey]);
  return <I18nProvider translate={t}>{children}</I18nProvider>;
}
