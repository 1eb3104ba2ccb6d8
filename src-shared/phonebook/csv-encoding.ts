import iconv from 'iconv-lite';

/**
 * The text encodings of a CSV as Excel users have them: UTF-8 (Excel's "CSV UTF-8" adds a BOM),
 * or Shift_JIS — in practice CP932, Microsoft's superset with ①, №, ㈱ and the NEC/IBM kanji.
 */
export type CsvEncoding = 'utf8' | 'sjis';

export type DecodedCsv = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; reason: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** BOM → UTF-8; valid UTF-8 → UTF-8; anything else → CP932. UTF-16 (Excel's "Unicode text") is refused. */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  if (UTF8_BOM.every((byte, i) => bytes[i] === byte)) {
    const text = decodeUtf8(bytes.subarray(3));
    return text === undefined ? { ok: false, reason: 'BOM は UTF-8 ですが、内容が UTF-8 ではありません' } : { ok: true, text, encoding: 'utf8' };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: 'UTF-16 のファイルには対応していません。「CSV UTF-8」または「CSV（コンマ区切り）」で保存してください' };
  }
  const utf8 = decodeUtf8(bytes);
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'utf8' };
  return { ok: true, text: iconv.decode(bytes, 'cp932'), encoding: 'sjis' };
}

/**
 * Characters that Unicode has twice and CP932 only once, mapped the way Windows does (WAVE DASH
 * 〜 → ～ and friends), so text typed on a Mac or the web survives a Shift_JIS export.
 */
const TO_CP932_FORMS: Readonly<Record<string, string>> = {
  '\u301c': '\uff5e', // 〜 → ～
  '\u2212': '\uff0d', // − → －
  '\u2016': '\u2225', // ‖ → ∥
  '\u2014': '\u2015', // — → ―
  '\u00a2': '\uffe0', // ¢ → ￠
  '\u00a3': '\uffe1', // £ → ￡
  '\u00ac': '\uffe2', // ¬ → ￢
};

export type EncodedCsv = { ok: true; bytes: Uint8Array } | { ok: false; unrepresentable: string };

/** UTF-8 with a BOM (so Excel opens it as UTF-8), or CP932; refuses text CP932 cannot hold. */
export function encodeCsv(text: string, encoding: CsvEncoding): EncodedCsv {
  if (encoding === 'utf8') {
    const body = new TextEncoder().encode(text);
    const bytes = new Uint8Array(UTF8_BOM.length + body.length);
    bytes.set(UTF8_BOM);
    bytes.set(body, UTF8_BOM.length);
    return { ok: true, bytes };
  }
  const mapped = toCp932Forms(text);
  const bytes: Uint8Array = iconv.encode(mapped, 'cp932');
  if (iconv.decode(bytes, 'cp932') === mapped) return { ok: true, bytes };
  const bad = [...mapped].find((char) => iconv.decode(iconv.encode(char, 'cp932'), 'cp932') !== char) ?? '?';
  return { ok: false, unrepresentable: bad };
}

export function toCp932Forms(text: string): string {
  return text.replace(/[\u301c\u2212\u2016\u2014\u00a2\u00a3\u00ac]/g, (char) => TO_CP932_FORMS[char] ?? char);
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
