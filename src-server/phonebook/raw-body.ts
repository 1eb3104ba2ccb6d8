import { errorReply, type ApiReply } from '../http/api-reply.js';
import type { ApiRequest } from '../http/route.js';

export type RawBody = { ok: true; bytes: Buffer } | { ok: false; reply: ApiReply };

/**
 * Reads a non-JSON request body (a CSV upload) of at most `limitBytes`, refusing it before it
 * is buffered when the declared length is already too big. `mediaTypes`: the accepted
 * Content-Types (the media type only, lower case); a form post from another site cannot send
 * them without a CORS preflight, which this server never grants.
 */
export async function readRawBody(
  request: Pick<ApiRequest, 'headers' | 'bodyStream'>,
  options: { limitBytes: number; mediaTypes: readonly string[]; tooLargeMessage: string },
): Promise<RawBody> {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!options.mediaTypes.includes(mediaType)) {
    return refuse(errorReply(415, 'unsupported-media-type', `Content-Type は ${options.mediaTypes.join(' または ')} にしてください`, { closeConnection: true }));
  }
  const tooLarge = (): RawBody => refuse(errorReply(413, 'payload-too-large', options.tooLargeMessage, { closeConnection: true }));
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > options.limitBytes) return tooLarge();

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request.bodyStream) {
      size += chunk.length;
      if (size > options.limitBytes) return tooLarge();
      chunks.push(chunk);
    }
  } catch {
    return refuse(errorReply(400, 'invalid-argument', 'リクエスト本文を読み取れませんでした', { closeConnection: true }));
  }
  if (size === 0) return refuse(errorReply(400, 'invalid-argument', 'ファイルが空です'));
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}

function refuse(reply: ApiReply): RawBody {
  return { ok: false, reply };
}
