import { describe, expect, it } from 'vitest';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import { sampleLoginResponse } from './login-response.fixture.js';
import { loginToProvisioning } from './provisioning-client.js';

const credentials = { serverUrl: 'http://127.0.0.1:7080', loginId: '05030000001', password: 'pw' };

function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => respond(String(input), init ?? {})) as typeof fetch;
}

async function failureOf(promise: Promise<unknown>): Promise<ContractFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ContractFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('loginToProvisioning', () => {
  it('posts the credentials as JSON and returns the validated config', async () => {
    let seen: { url: string; body: unknown; method?: string } | undefined;
    const response = await loginToProvisioning(credentials, {
      fetch: fakeFetch((url, init) => {
        seen = { url, body: JSON.parse(String(init.body)), method: init.method };
        return Response.json(sampleLoginResponse());
      }),
    });
    expect(seen).toEqual({
      url: 'http://127.0.0.1:7080/api/softphone/login',
      method: 'POST',
      body: { loginId: '05030000001', password: 'pw' },
    });
    expect(response.config.account.extension).toBe('201');
  });

  it("maps 401 to 'unauthorized' with the server's Japanese message", async () => {
    const failure = await failureOf(
      loginToProvisioning(credentials, {
        fetch: fakeFetch(() =>
          Response.json({ error: { code: 'invalid-credentials', message: 'IDまたはパスワードが正しくありません' } }, { status: 401 }),
        ),
      }),
    );
    expect(failure.code).toBe('unauthorized');
    expect(failure.message).toBe('IDまたはパスワードが正しくありません');
  });

  it("maps a network error to 'unavailable'", async () => {
    const failure = await failureOf(
      loginToProvisioning(credentials, {
        fetch: fakeFetch(() => {
          throw new TypeError('fetch failed');
        }),
      }),
    );
    expect(failure).toMatchObject({ code: 'unavailable', message: 'サーバーに接続できません' });
  });

  it("gives up with 'timeout' when the server never answers", async () => {
    const failure = await failureOf(
      loginToProvisioning(credentials, {
        timeoutMs: 20,
        fetch: fakeFetch(
          (_url, init) =>
            new Promise<Response>((_resolve, reject) => {
              init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
            }),
        ),
      }),
    );
    expect(failure.code).toBe('timeout');
  });

  it('refuses a response that does not match the schema, or forges SIP header names', async () => {
    const invalid = await failureOf(
      loginToProvisioning(credentials, { fetch: fakeFetch(() => Response.json({ token: 'x' })) }),
    );
    expect(invalid.code).toBe('internal');
    const forged = sampleLoginResponse();
    forged.config.headers.calledParty = 'X-A\r\nVia: evil';
    const injected = await failureOf(loginToProvisioning(credentials, { fetch: fakeFetch(() => Response.json(forged)) }));
    expect(injected.code).toBe('internal');
  });

  it('refuses a non-http server URL before sending anything', async () => {
    let called = false;
    const failure = await failureOf(
      loginToProvisioning(
        { ...credentials, serverUrl: 'file:///etc/passwd' },
        {
          fetch: fakeFetch(() => {
            called = true;
            return Response.json({});
          }),
        },
      ),
    );
    expect(failure.code).toBe('invalid-argument');
    expect(called).toBe(false);
  });
});
