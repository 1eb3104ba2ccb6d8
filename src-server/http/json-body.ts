import type { IncomingMessage } from 'node:http';
import { errorReply, type ApiReply } from './api-reply.js';

export type BodyResult = { ok: true; value: unknown } | { ok: false; reply: ApiReply };

/** Every API request body is small JSON; anything bigger is refused before it is buffered. */
export const DEFAULT_JSON_BODY_LIMIT = 64 * 1024;

/**
 * Reads and parses a JSON request body of at most `limitBytes`. Requires
 * `Content-Type: application/json`, which also keeps cross-site form posts out (they cannot
 * send that type without a CORS preflight, which this server never grants).
 */
export async function readJsonBody(request: IncomingMessage, limitBytes = DEFAULT_JSON_BODY_LIMIT): Promise<BodyResult> {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return refuse(errorReply(415, 'unsupported-media-type', 'Content-Type は application/json にしてください', { closeConnection: true }));
  }
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) return refuse(tooLarge(limitBytes));

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limitBytes) return refuse(tooLarge(limitBytes));
      chunks.push(chunk);
    }
  } catch {
    // The client went away mid-body; nobody is left to read a reply, but answer consistently.
    return refuse(errorReply(400, 'invalid-argument', 'リクエスト本文を読み取れませんでした', { closeConnection: true }));
  }
  if (size === 0) return refuse(errorReply(400, 'invalid-argument', 'リクエスト本文がありません'));

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size));
  } catch {
    return refuse(errorReply(400, 'invalid-argument', 'リクエスト本文が UTF-8 ではありません'));
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return refuse(errorReply(400, 'invalid-argument', 'リクエストの JSON の形式が正しくありません'));
  }
}

function tooLarge(limitBytes: number): ApiReply {
  return errorReply(413, 'payload-too-large', `リクエストが大きすぎます（上限 ${Math.floor(limitBytes / 1024)} KiB）`, {
    closeConnection: true,
  });
}

function refuse(reply: ApiReply): BodyResult {
  return { ok: false, reply };
}
