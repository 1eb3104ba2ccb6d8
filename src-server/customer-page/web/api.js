/**
 * The customer API as the page uses it: same-origin fetch with the session cookie, the CSRF
 * header on every mutating request, and `{ error: { code, message } }` turned into an ApiError
 * whose message is the server's Japanese text, shown to the user as is.
 */
export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }

  /** The server has no such API yet (a screen whose back end is still being built: 準備中). */
  get unavailable() {
    return (this.status === 404 || this.status === 405) && this.body?.error?.message === '指定された API はありません';
  }
}

const NETWORK_MESSAGE = 'サーバーに接続できませんでした。ネットワークを確認してください';
const UNEXPECTED_MESSAGE = 'サーバーから予期しない応答がありました';

export class Api {
  constructor({ onUnauthorized } = {}) {
    this.csrfToken = '';
    this.onUnauthorized = onUnauthorized ?? (() => {});
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, json) {
    return this.request('POST', path, { json });
  }

  put(path, json) {
    return this.request('PUT', path, { json });
  }

  patch(path, json) {
    return this.request('PATCH', path, { json });
  }

  delete(path) {
    return this.request('DELETE', path);
  }

  /** A raw body (e.g. CSV bytes) with its content type. */
  send(method, path, body, contentType) {
    return this.request(method, path, { body, contentType });
  }

  async request(method, path, { json, body, contentType } = {}) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') headers['X-CSRF-Token'] = this.csrfToken;
    let payload = body;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(json);
    } else if (contentType) {
      headers['Content-Type'] = contentType;
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
    } catch {
      throw new ApiError(0, 'network', NETWORK_MESSAGE, undefined);
    }
    const data = await readJson(response);
    if (response.ok) return data;
    const error = data?.error;
    const apiError = new ApiError(response.status, error?.code ?? 'unknown', error?.message ?? `${UNEXPECTED_MESSAGE}（${response.status}）`, data);
    if (response.status === 401 && !path.endsWith('/login')) this.onUnauthorized(apiError);
    throw apiError;
  }
}

async function readJson(response) {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
