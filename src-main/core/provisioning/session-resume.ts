import { ContractFailure } from '../../../src-shared/contract/result.js';
import { softphoneConfigSchema, type LoginResponse } from '../../../src-shared/provisioning/softphone-config.js';
import { z } from 'zod';
import { configHeaderNamesAreTokens } from './provisioning-client.js';

export interface ResumeOptions {
  fetch: typeof fetch;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const refreshSchema = z.object({ token: z.string().min(16), expiresAt: z.number().int() });

/**
 * Log in again with a remembered token instead of the password: `POST /api/softphone/refresh`
 * (a new token with a full lifetime; the old one stops working), then `GET /api/softphone/config`
 * with it. The result has the shape of a login response. A token the server no longer accepts
 * (401) is ContractFailure('unauthorized'); an unreachable server 'unavailable' (keep the token
 * and try later); anything malformed 'internal'.
 */
export async function resumeProvisioning(serverUrl: string, token: string, options: ResumeOptions): Promise<LoginResponse> {
  const refreshed = await call(serverUrl, '/api/softphone/refresh', 'POST', token, options);
  const fresh = refreshSchema.safeParse(refreshed);
  if (!fresh.success) throw new ContractFailure('internal', 'サーバーの応答が正しくありません（ログインを再開できませんでした）');
  const configBody = await call(serverUrl, '/api/softphone/config', 'GET', fresh.data.token, options);
  const config = softphoneConfigSchema.safeParse(configBody);
  if (!config.success || !configHeaderNamesAreTokens(config.data)) {
    throw new ContractFailure('internal', 'サーバーの応答が正しくありません（設定を取得できませんでした）');
  }
  return { token: fresh.data.token, expiresAt: fresh.data.expiresAt, config: config.data };
}

async function call(serverUrl: string, path: string, method: 'GET' | 'POST', token: string, options: ResumeOptions): Promise<unknown> {
  let url: string;
  try {
    const base = new URL(serverUrl);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('scheme');
    url = new URL(path, base).toString();
  } catch {
    throw new ContractFailure('invalid-argument', 'サーバーURLが正しくありません');
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const cancel = (): void => abort.abort();
  options.signal?.addEventListener('abort', cancel);
  try {
    const response = await options.fetch(url, { method, headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: abort.signal });
    if (response.status === 401) throw new ContractFailure('unauthorized', 'ログインの有効期限が切れました。再度ログインしてください');
    if (!response.ok) throw new ContractFailure('unavailable', `サーバーに接続できません（${response.status}）`);
    return await response.json().catch(() => undefined);
  } catch (error) {
    if (error instanceof ContractFailure) throw error;
    if (options.signal?.aborted) throw new ContractFailure('unavailable', 'ログインを中止しました');
    if (abort.signal.aborted) throw new ContractFailure('timeout', 'サーバーから応答がありません');
    throw new ContractFailure('unavailable', 'サーバーに接続できません');
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
}
