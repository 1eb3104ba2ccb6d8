import type { ContractError, ErrorCode, Result } from '../../src-shared/contract/result.js';
import { MAX_WIRE_MESSAGE_BYTES, wireMessage, type WireMessage } from '../../src-shared/contract/wire.js';

/** Parse and validate one incoming WebSocket frame; anything malformed or oversized is null. */
export function decodeWireMessage(data: unknown): WireMessage | null {
  if (typeof data !== 'string') return null;
  // UTF-16 length is a lower bound of the UTF-8 size; the host enforces the exact cap too.
  if (data.length > MAX_WIRE_MESSAGE_BYTES) return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = wireMessage.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function encodeWireMessage(message: WireMessage): string {
  return JSON.stringify(message);
}

type WireResult = Extract<WireMessage, { kind: 'response' }>['result'];

/** A wire result as a contract Result; error codes are the peer's (it speaks the same contract). */
export function toResult(result: WireResult): Result<unknown> {
  if (result.ok) return { ok: true, value: result.value };
  const error: ContractError = { code: result.error.code as ErrorCode, message: result.error.message };
  return { ok: false, error };
}
