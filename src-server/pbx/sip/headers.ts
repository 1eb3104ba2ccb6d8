/**
 * Building and reading header values safely. Everything we put into a header may come from
 * somewhere hostile (display names from the directory, labels, URIs from other clients), so values
 * lose their line breaks and quoted strings are escaped.
 */

/** RFC 3261 §7.3.3 compact forms, and the case we compare names in. */
const COMPACT_FORMS: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  k: 'supported',
  s: 'subject',
  e: 'content-encoding',
  o: 'event',
  r: 'refer-to',
  u: 'allow-events',
  x: 'session-expires',
};

export function canonicalHeaderName(name: string): string {
  const lower = name.trim().toLowerCase();
  return COMPACT_FORMS[lower] ?? lower;
}

/** A header value can never break out of its line. */
export function sanitizeHeaderValue(value: string): string {
  return value.replace(/[\r\n\0]+/g, ' ');
}

/** quoted-string content: control characters dropped, `"` and `\` escaped. */
export function quoteString(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '').replace(/[\\"]/g, (c) => `\\${c}`);
  return `"${clean}"`;
}

/** `"Display" <uri>` or `<uri>`, plus optional `;param` text. */
export function formatNameAddr(uri: string, displayName?: string, params = ''): string {
  const name = displayName ? `${quoteString(displayName)} ` : '';
  return sanitizeHeaderValue(`${name}<${uri}>${params}`);
}

/** The part of a name-addr after its `<...>` (or after the addr-spec when there are no brackets). */
function headerParamsPart(nameAddr: string): string {
  const close = nameAddr.lastIndexOf('>');
  if (close >= 0) return nameAddr.slice(close + 1);
  const semi = nameAddr.indexOf(';');
  return semi >= 0 ? nameAddr.slice(semi) : '';
}

export function tagOf(nameAddr: string): string | undefined {
  const match = /;\s*tag\s*=\s*([^;\s]+)/i.exec(headerParamsPart(nameAddr));
  return match?.[1];
}

/** Add `;tag=` unless the header already carries one. */
export function withTag(nameAddr: string, tag: string): string {
  return tagOf(nameAddr) === undefined ? `${nameAddr};tag=${tag}` : nameAddr;
}

export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;
