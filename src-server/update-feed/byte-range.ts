/**
 * The one `Range: bytes=…` form electron-updater and browsers send (RFC 9110 §14.1.2), parsed
 * against a file's size. Several ranges at once (multipart/byteranges) are not served: the
 * server answers them with the whole file, which the RFC allows (a server MAY ignore Range).
 */
export type ByteRange =
  | { kind: 'whole' }
  | { kind: 'range'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

export function parseByteRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return { kind: 'whole' };
  const match = SINGLE_RANGE.exec(header.trim());
  // Another unit, several ranges or nonsense: ignore the header and send the whole file.
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // bytes=-N: the last N bytes
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { kind: 'whole' }; // invalid syntax: ignored (RFC 9110)
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end };
}
