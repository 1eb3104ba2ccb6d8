import { z } from 'zod';
import { digitsOf, foldWidth } from '../domain/phone-number.js';

/**
 * CRM-link and number-search templates as the softphone uses them: a URL with placeholders,
 * filled in for one call and opened in the user's browser. Templates come from the server
 * (provisioning) and from the user's settings; the numbers that fill them come from the network
 * (a caller ID is whatever the far end sent). So:
 * - a template is accepted only as an absolute http/https URL whose scheme and host are literal
 *   (placeholders only in the path, query and fragment), without user:password@, whitespace,
 *   control characters, backslashes or dot segments;
 * - every value is URL-encoded (encodeURIComponent) and put only where its placeholder stands;
 * - the filled-in result must still parse as http/https on the template's own host, with no
 *   dot segment in its path, or the link is refused.
 * The server checks templates with the same rules when an admin saves them
 * (src-server/templates/link-template.ts); the softphone checks again, because it trusts no input.
 */
export const LINK_PLACEHOLDERS = ['number', 'number_e164', 'called', 'ivr'] as const;
export type LinkPlaceholder = (typeof LINK_PLACEHOLDERS)[number];
export type LinkValues = Partial<Record<LinkPlaceholder, string>>;

export const LINK_TEMPLATE_MAX_LENGTH = 2048;
/** a phone number, a called number or IVR digits are short; anything longer is not one */
export const LINK_VALUE_MAX_LENGTH = 128;
/** the filled-in URL; browsers and shells cope with far more, a CRM query never needs it */
export const LINK_URL_MAX_LENGTH = 8192;

const PLACEHOLDER = /\{([^{}]*)\}/g;
const SAMPLE_VALUE = '0312345678';
/** WHATWG URL parsers treat %2e like '.', so `.`/`..` in either spelling are dot segments */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

const isPlaceholder = (name: string): name is LinkPlaceholder => (LINK_PLACEHOLDERS as readonly string[]).includes(name);

/** Why a template is refused (Japanese, for settings and logs), or undefined when it is fine. */
export function linkTemplateProblem(template: string): string | undefined {
  if (template.length === 0) return 'URL を入力してください';
  if (template.length > LINK_TEMPLATE_MAX_LENGTH) return `URL は${LINK_TEMPLATE_MAX_LENGTH}文字までです`;
  if (/[\s\p{Cc}]/u.test(template)) return 'URL に空白や制御文字は使えません';
  if (template.includes('\\')) return 'URL に \\ は使えません';
  // Scheme first: javascript:, data:, file:, vbscript: … and a placeholder in the scheme all end here.
  const head = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(template);
  if (!head) return 'URL は http:// または https:// で始めてください';
  const authority = head[2] ?? '';
  const rest = head[3] ?? '';
  if (authority.includes('{') || authority.includes('}')) return 'ホスト名に置き換え文字は使えません';
  if (authority.includes('@')) return 'URL にユーザー名やパスワードは含められません';
  const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !isPlaceholder(name));
  if (unknown.length > 0) return `使えない置き換え文字があります: ${[...new Set(unknown)].map((n) => `{${n}}`).join(', ')}`;
  const filled = template.replace(PLACEHOLDER, SAMPLE_VALUE);
  if (/[{}]/.test(filled)) return 'URL の { } の対応が正しくありません';
  if (pathSegments(rest).some((segment) => DOT_SEGMENT.test(segment))) return 'URL のパスに . や .. は使えません';
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    return 'URL の形式が正しくありません（https://〜 の形で入力してください）';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'URL は http:// または https:// で始めてください';
  if (url.hostname === '') return 'URL にホスト名がありません';
  return undefined;
}

/** A template field of settings or provisioning: a valid template, or null for "not set". */
export const linkTemplateSchema = z
  .string()
  .trim()
  .max(LINK_TEMPLATE_MAX_LENGTH, `URL は${LINK_TEMPLATE_MAX_LENGTH}文字までです`)
  .nullable()
  .transform((value) => (value === null || value === '' ? null : value))
  .superRefine((value, ctx) => {
    const problem = value === null ? undefined : linkTemplateProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

export type LinkBuildResult = { ok: true; url: string } | { ok: false; problem: string };

/**
 * Fill a template for one call. Each value is made well-formed (a lone UTF-16 surrogate would
 * make encodeURIComponent throw), URL-encoded, and put in its placeholder's place; a missing
 * value becomes empty. Refused: an invalid template, a value longer than LINK_VALUE_MAX_LENGTH,
 * a result that is not http/https on the template's host or whose path gained a dot segment.
 */
export function buildLinkUrl(template: string, values: LinkValues): LinkBuildResult {
  const problem = linkTemplateProblem(template);
  if (problem !== undefined) return { ok: false, problem: `リンクの設定が正しくありません: ${problem}` };
  for (const name of LINK_PLACEHOLDERS) {
    if ((values[name]?.length ?? 0) > LINK_VALUE_MAX_LENGTH) return { ok: false, problem: '番号が長すぎるためリンクを作れません' };
  }
  const expanded = template.replace(PLACEHOLDER, (_match, name: string) =>
    isPlaceholder(name) ? encodeURIComponent(wellFormed(values[name] ?? '')) : '',
  );
  if (expanded.length > LINK_URL_MAX_LENGTH) return { ok: false, problem: 'リンクが長すぎます' };
  const rest = /^https?:\/\/[^/?#]*(.*)$/i.exec(expanded)?.[1] ?? '';
  if (pathSegments(rest).some((segment) => DOT_SEGMENT.test(segment))) {
    return { ok: false, problem: 'この番号ではリンクを作れません（パスが変わってしまいます）' };
  }
  let url: URL;
  let expected: URL;
  try {
    url = new URL(expanded);
    expected = new URL(template.replace(PLACEHOLDER, SAMPLE_VALUE));
  } catch {
    return { ok: false, problem: 'リンクを作れませんでした（URL の形式が正しくありません）' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'http / https 以外のリンクは開けません' };
  if (url.host !== expected.host || url.protocol !== expected.protocol || url.username !== '' || url.password !== '') {
    return { ok: false, problem: 'リンク先のホストが設定と一致しません' };
  }
  return { ok: true, url: url.href };
}

/** +81 form of a Japanese number: 0312345678 → +81312345678; extensions and others → ''. */
export function toE164Japan(number: string): string {
  const folded = foldWidth(number).trim();
  const digits = digitsOf(folded);
  if (folded.startsWith('+') && digits.length >= 2) return `+${digits}`;
  if (/^0[1-9]\d{7,12}$/.test(digits)) return `+81${digits.slice(1)}`;
  return '';
}

/** The path part of `rest` (after scheme://host), split into segments. */
function pathSegments(rest: string): string[] {
  const end = rest.search(/[?#]/);
  return (end === -1 ? rest : rest.slice(0, end)).split('/');
}

/** Replace lone surrogates with U+FFFD (String.prototype.toWellFormed, which ES2023 lacks). */
function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
