import { createContext, useContext, type ReactNode } from 'react';
import { createTranslator, type Translate } from './translator.js';

const I18nContext = createContext<Translate>(createTranslator('ja'));

export function I18nProvider({ translate, children }: { translate: Translate; children: ReactNode }) {
  return <I18nContext.Provider value={translate}>{children}</I18nContext.Provider>;
}

/** The translator of the window: `const t = useT(); t('popup.answer')`. */
export function useT(): Translate {
  return useContext(I18nContext);
}
