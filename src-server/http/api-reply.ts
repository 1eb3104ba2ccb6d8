/**
 * What a route answers: a status, a JSON body and optional headers. Failures use the shared
 * error body `{ error: { code, message } }` with a Japanese message the UI can show as is.
 */
export type ApiErrorCode =
  | 'invalid-argument'
  | 'invalid-credentials'
  | 'unauthorized'
  | 'not-found'
  | 'method-not-allowed'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'too-many-requests'
  | 'internal'
  | 'forbidden'
  /** a mutating customer-page request without the session's X-CSRF-Token */
  | 'csrf'
  /** a contract rule of DESIGN.md §2 refused the change; the code names the rule (store/admin-rules.ts) */
  | `rule-${string}`;

export interface ApiReply {
  status: number;
  body: unknown;
  headers?: Readonly<Record<string, string>>;
  /** close the connection after replying (e.g. when an unread request body remains) */
  closeConnection?: boolean;
  /** a non-JSON body (e.g. a CSV download); sent as is with this content type instead of `body` */
  raw?: { contentType: string; data: Uint8Array };
}

export function jsonReply(status: number, body: unknown, headers?: Record<string, string>): ApiReply {
  return headers ? { status, body, headers } : { status, body };
}

export function errorReply(
  status: number,
  code: ApiErrorCode,
  message: string,
  extra: Pick<ApiReply, 'headers' | 'closeConnection'> = {},
): ApiReply {
  return { status, body: { error: { code, message } }, ...extra };
}

export const INTERNAL_ERROR_MESSAGE = 'サーバーでエラーが発生しました。しばらくしてからもう一度お試しください';
