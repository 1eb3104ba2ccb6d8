/** Between the global setup and the stack child process, and from the setup to the tests. */
export const READY_PREFIX = 'PLUSPHONE_E2E_READY ';

export interface StackUrls {
  /** the browser host's page, e.g. http://127.0.0.1:40123/ */
  hostUrl: string;
  /** the PlusPhone server, e.g. http://127.0.0.1:40122 */
  serverUrl: string;
  /** a second browser host whose phones REGISTER with a wrong digest secret (the failure path) */
  wrongDigestHostUrl: string;
}

export const HOST_URL_ENV = 'PLUSPHONE_E2E_HOST_URL';
export const SERVER_URL_ENV = 'PLUSPHONE_E2E_SERVER_URL';
export const WRONG_DIGEST_HOST_URL_ENV = 'PLUSPHONE_E2E_WRONG_DIGEST_HOST_URL';
