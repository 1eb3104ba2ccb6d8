import type { RawData } from 'ws';
import { MAX_WIRE_MESSAGE_BYTES, wireMessage, type WireMessage } from '../../src-shared/contract/wire.js';

export type DecodedFrame = { ok: true; message: WireMessage } | { ok: false; reason: string };

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.byteLength, 0);
  return data.byteLength;
}

function toText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** One text frame from the page, size-capped, JSON-parsed and validated against the wire schema. */
export function decodeFrame(data: RawData, isBinary: boolean): DecodedFrame {
  if (isBinary) return { ok: false, reason: 'binary frames are not part of the protocol' };
  if (byteLength(data) > MAX_WIRE_MESSAGE_BYTES) return { ok: false, reason: 'message too large' };
  let json: unknown;
  try {
    json = JSON.parse(toText(data));
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = wireMessage.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'not a wire message' };
  return { ok: true, message: parsed.data };
}
