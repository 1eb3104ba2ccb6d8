import { z } from 'zod';

/**
 * CRM-link and number-search templates: a URL with placeholders that the softphone fills in for
 * the call on screen (each value URL-encoded) and opens in the browser. They come from an admin
 * and end up in every softphone, so the server accepts only what is safe to open: absolute
 * http/https URLs with a literal host (no placeholder there, no user:password@), known
 * placeholders only, at most LINK_TEMPLATE_MAX_LENGTH characters.
 */
export const LINK_TEMPLATE_PLACEHOLDERS = {
  number: '相手の電話番号（例 0312345678）',
  number_e164: '相手の電話番号（国際形式、例 +81312345678）',
  called: '着信した自社の番号',
  ivr: 'IVRプッシュ番号',
} as const;

export type LinkTemplatePlaceholder = keyof typeof LINK_TEMPLATE_PLACEHOLDERS;

export const LINK_TEMPLATE_MAX_LENGTH = 2048;

const PLACEHOLDER = /\{([^{}]*)\}/g;
// Values used only to check that the filled-in template is a valid URL.
const SAMPLE_VALUE = '0312345678';

/** Why a template is refused (Japanese, for the customer page), or undefined when it is fine. */
export function linkTemplateProblem(template: string): string | undefined {
  if (template.length > LINK_TEMPLATE_MAX_LENGTH) return `URL は${LINK_TEMPLATE_MAX_LENGTH}文字までです`;
  if (/[\s\p{Cc}]/u.test(template)) return 'URL に空白や制御文字は使えません';
  const unknown = [...template.matchAll(PLACEHOLDER)]
    .map((match) => match[1] ?? '')
    .filter((name) => !(name in LINK_TEMPLATE_PLACEHOLDERS));
  if (unknown.length > 0) return `使えない置き換え文字があります: ${[...new Set(unknown)].map((name) => `{${name}}`).join(', ')}`;
  const filled = template.replace(PLACEHOLDER, SAMPLE_VALUE);
  if (/[{}]/.test(filled)) return 'URL の { } の対応が正しくありません';
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    return 'URL の形式が正しくありません（https://〜 の形で入力してください）';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'URL は http:// または https:// で始めてください';
  if (url.username !== '' || url.password !== '') return 'URL にユーザー名やパスワードは含められません';
  // The host is decided by the admin, never by the caller's number: no placeholder before the path.
  const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(template)?.[1] ?? '';
  if (authority.includes('{')) return 'ホスト名に置き換え文字は使えません';
  return undefined;
}

/** A template field: a valid template, or null / '' for "not set" (stored as null). */
export const linkTemplateSchema = z
  .string()
  .trim()
  .max(LINK_TEMPLATE_MAX_LENGTH)
  .nullable()
  .transform((value) => (value === null || value === '' ? null : value))
  .superRefine((value, ctx) => {
    const problem = value === null ? undefined : linkTemplateProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * Fills a template in; every value is URL-encoded, so a hostile caller ID cannot add query
 * parameters or change the path. A placeholder without a value becomes empty.
 */
export function expandLinkTemplate(template: string, values: Partial<Record<LinkTemplatePlaceholder, string>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) =>
    encodeURIComponent(name in LINK_TEMPLATE_PLACEHOLDERS ? (values[name as LinkTemplatePlaceholder] ?? '') : ''),
  );
}
