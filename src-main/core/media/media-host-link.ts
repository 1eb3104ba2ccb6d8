import type { HandlersOf } from '../../../src-shared/contract/define.js';
import { dispatchRequest } from '../../../src-shared/contract/dispatch.js';
import {
  mediaRequests,
  type MediaArgs,
  type MediaMethod,
  type MediaRequests,
  type MediaResult,
} from '../../../src-shared/contract/media-contract.js';
import { ContractFailure, type ErrorCode, type Result } from '../../../src-shared/contract/result.js';

/**
 * How the core reaches the media host: a hidden window over Electron IPC, the page over the
 * browser host's WebSocket, or (Node tests) a MediaHost in the same process. Resolves with the
 * host's value; rejects with ContractFailure when the host answers `{ok:false}` or is gone.
 */
export interface MediaHostLink {
  request<M extends MediaMethod>(method: M, args: MediaArgs<M>): Promise<MediaResult<M>>;
}

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'invalid-argument',
  'invalid-state',
  'not-found',
  'unauthorized',
  'forbidden',
  'unavailable',
  'timeout',
  'internal',
]);

/** Turn a transport's `{ok:false}` into the ContractFailure a MediaHostLink rejects with. */
export function unwrapMediaResult<M extends MediaMethod>(result: Result<unknown>): MediaResult<M> {
  if (result.ok) return result.value as MediaResult<M>;
  const code = ERROR_CODES.has(result.error.code) ? result.error.code : 'internal';
  throw new ContractFailure(code, result.error.message);
}

/**
 * A link to a media host in this process. It still goes through dispatchRequest, so arguments
 * are validated and errors come back as results exactly as over IPC.
 */
export function createInProcessMediaHostLink(handlers: HandlersOf<MediaRequests>): MediaHostLink {
  return {
    async request(method, args) {
      const result = await dispatchRequest(mediaRequests, handlers, method, args);
      return unwrapMediaResult(result);
    },
  };
}
