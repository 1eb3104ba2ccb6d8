import { ContractFailure } from '../../../src-shared/contract/result.js';
import {
  apiErrorSchema,
  loginResponseSchema,
  type LoginResponse,
  type SoftphoneConfig,
} from '../../../src-shared/provisioning/softphone-config.js';

export interface LoginCredentials {
  serverUrl: string;
  loginId: string;
  password: string;
}

export interface ProvisioningClientOptions {
  fetch: typeof fetch;
  /** a login must not hang the UI when the server accepts the connection but never answers */
  timeoutMs?: number;
  /** aborts the login (the phone is shutting down) */
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const UNREACHABLE = 'サーバーに接続できません';

/**
 * `POST {serverUrl}/api/softphone/login`. Everything the server sends is validated; failures
 * become ContractFailure with a message the login form can show as is.
 */
export async function loginToProvisioning(
  credentials: LoginCredentials,
  options: ProvisioningClientOptions,
): Promise<LoginResponse> {
  const url = loginUrl(credentials.serverUrl);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const cancel = (): void => abort.abort();
  options.signal?.addEventListener('abort', cancel);
  let response: Response;
  let body: unknown;
  try {
    response = await options.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ loginId: credentials.loginId, password: credentials.password }),
      signal: abort.signal,
    });
    body = await response.json().catch(() => undefined);
  } catch {
    if (options.signal?.aborted) throw new ContractFailure('unavailable', 'ログインを中止しました');
    if (abort.signal.aborted) throw new ContractFailure('timeout', 'サーバーから応答がありません');
    throw new ContractFailure('unavailable', UNREACHABLE);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }

  if (!response.ok) throw failureFor(response.status, body);

  const parsed = loginResponseSchema.safeParse(body);
  if (!parsed.success || !configHeaderNamesAreTokens(parsed.data.config)) {
    throw new ContractFailure('internal', 'サーバーの応答が正しくありません（設定を取得できませんでした）');
  }
  return parsed.data;
}

/** Header names go verbatim into SIP messages: a CR/LF or colon in one would forge headers. */
export function configHeaderNamesAreTokens(config: SoftphoneConfig): boolean {
  return Object.values(config.headers).every((name) => /^[A-Za-z0-9!%'*+._`~-]{1,64}$/.test(name));
}

function loginUrl(serverUrl: string): string {
  try {
    const base = new URL(serverUrl);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('scheme');
    return new URL('/api/softphone/login', base).toString();
  } catch {
    throw new ContractFailure('invalid-argument', 'サーバーURLが正しくありません');
  }
}

/** The server's own (Japanese) message when it sent one, a generic one per status otherwise. */
function failureFor(status: number, body: unknown): ContractFailure {
  const apiError = apiErrorSchema.safeParse(body);
  const serverMessage = apiError.success ? apiError.data.error.message.slice(0, 200) : undefined;
  if (status === 401) {
    return new ContractFailure('unauthorized', serverMessage ?? 'IDまたはパスワードが正しくありません');
  }
  if (status === 403) return new ContractFailure('forbidden', serverMessage ?? 'このIDではログインできません');
  if (status === 400 || status === 422) {
    return new ContractFailure('invalid-argument', serverMessage ?? '入力内容が正しくありません');
  }
  if (status === 429) {
    return new ContractFailure('unavailable', serverMessage ?? 'ログインの試行が多すぎます。しばらくしてから再度お試しください');
  }
  return new ContractFailure('unavailable', serverMessage ?? `${UNREACHABLE}（${status}）`);
}
