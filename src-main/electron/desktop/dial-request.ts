/**
 * Click-to-call: what a `tel:` / `callto:` / `sip:` link or a `--dial <number>` argument asks us
 * to dial. Both come from other programs (a browser, a CRM, the command line of a second
 * instance), so they are parsed strictly: one target, digits (with the usual separators) or a
 * SIP URI of plain characters, never anything else.
 */
export const DIAL_PROTOCOLS = ['tel', 'callto', 'sip'] as const;
export type DialProtocol = (typeof DIAL_PROTOCOLS)[number];

export type DialRequest = { ok: true; target: string } | { ok: false; reason: string };

const MAX_INPUT = 256;
/** digits, + and the separators people paste (visual separators of RFC 3966 included) */
const PHONE_CHARS = /^[+]?[0-9０-９*#＊＃()（）\-‐－ー.\s]+$/;
const SIP_USER = /^[A-Za-z0-9*#+._~-]{1,64}$/;
const SIP_HOST = /^[A-Za-z0-9.-]{1,253}$/;

/** `tel:03-1234-5678`, `callto://0312345678`, `sip:202@plusphone.test`, or null when it is not a dial link. */
export function parseDialUrl(raw: string): DialRequest | null {
  const text = raw.trim();
  const match = /^(tel|callto|sip):(.*)$/is.exec(text);
  if (!match) return null;
  if (text.length > MAX_INPUT) return { ok: false, reason: 'リンクが長すぎます' };
  const scheme = match[1]!.toLowerCase() as DialProtocol;
  let rest = match[2]!;
  try {
    rest = decodeURIComponent(rest);
  } catch {
    return { ok: false, reason: 'リンクの形式が正しくありません' };
  }
  rest = rest.replace(/^\/\//, '');
  if (scheme === 'sip') return sipTarget(rest);
  // tel: parameters (;phone-context=…, ;ext=…) are not ours to interpret
  const number = rest.split(';')[0]!.trim();
  return phoneTarget(number);
}

/** `--dial <number>` or `--dial=<number>` in a command line; null when absent. */
export function parseDialArgument(argv: readonly string[]): DialRequest | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--dial') {
      const value = argv[i + 1];
      return value === undefined ? { ok: false, reason: '--dial の後に番号がありません' } : parseDialValue(value);
    }
    if (arg.startsWith('--dial=')) return parseDialValue(arg.slice('--dial='.length));
  }
  return null;
}

/**
 * What a started process was asked to dial: `--dial`, else the first argument that is a dial link
 * (Windows starts the registered handler as `PlusPhone.exe "tel:…"`). null when nothing.
 */
export function dialRequestFromArgv(argv: readonly string[]): DialRequest | null {
  const fromFlag = parseDialArgument(argv);
  if (fromFlag) return fromFlag;
  for (const arg of argv.slice(1)) {
    const parsed = parseDialUrl(arg);
    if (parsed) return parsed;
  }
  return null;
}

function parseDialValue(value: string): DialRequest {
  return parseDialUrl(value) ?? phoneTarget(value.trim());
}

function phoneTarget(number: string): DialRequest {
  if (number.length === 0) return { ok: false, reason: '番号がありません' };
  if (number.length > 64 || !PHONE_CHARS.test(number)) return { ok: false, reason: `発信できない番号です: ${printable(number)}` };
  return { ok: true, target: number };
}

function sipTarget(addr: string): DialRequest {
  const withoutParams = addr.split(/[;?]/)[0]!;
  const at = withoutParams.lastIndexOf('@');
  const user = at >= 0 ? withoutParams.slice(0, at) : withoutParams;
  const host = at >= 0 ? withoutParams.slice(at + 1) : '';
  if (!SIP_USER.test(user) || (host !== '' && !SIP_HOST.test(host))) return { ok: false, reason: `発信できないアドレスです: ${printable(addr)}` };
  // The PBX routes by user part within our own domain; a foreign host is dialled by its user part.
  return { ok: true, target: user };
}

/** For an error message: no control characters, bounded. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/**
 * The phone number inside a piece of selected text ("TEL: 03-1234-5678（代表）"), for the
 * dial-selection shortcut: the first run of at least six digits with the usual separators.
 */
export function dialRequestFromSelection(text: string): DialRequest {
  const sample = text.slice(0, 1000);
  const link = /^\S+$/.test(sample.trim()) ? parseDialUrl(sample) : null; // "TEL: 03-…" is text, not a link
  if (link) return link;
  const match = /[+＋]?[0-9０-９][0-9０-９\-‐－ー()（）\s]*[0-9０-９]/.exec(sample);
  const candidate = match?.[0].trim() ?? '';
  const digits = candidate.replace(/[^0-9０-９]/g, '');
  if (digits.length < 3) return { ok: false, reason: '選択した文字に電話番号がありません' };
  return phoneTarget(candidate);
}
