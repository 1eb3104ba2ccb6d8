import { en } from './en.js';
import { ja, type MessageKey, type Messages } from './ja.js';

export type Locale = 'ja' | 'en';
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

const dictionaries: Readonly<Record<Locale, Messages>> = { ja, en };

/** Japanese unless English is asked for explicitly. */
export function resolveLocale(requested: string | null | undefined): Locale {
  return requested === 'en' ? 'en' : 'ja';
}

/** `{name}` placeholders are replaced by params; unknown placeholders stay visible. */
export function createTranslator(locale: Locale): Translate {
  const messages = dictionaries[locale];
  return (key, params) => {
    const template = messages[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
    );
  };
}
