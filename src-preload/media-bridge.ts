import { fail, type Result } from '../src-shared/contract/result.js';
import type { IpcRendererLike, MediaRequestHandler, MediaServeBridge } from './bridge-types.js';
import { MEDIA_HOST_READY_TOPIC, MEDIA_RPC_CHANNEL } from './channels.js';
import { asResult, errorText } from './result-shape.js';

/**
 * `window.plusphoneMedia` for the hidden media window: the page registers one handler, the
 * bridge answers each of main's media requests with its Result (a thrown error or a malformed
 * answer becomes `{ok:false}`), then tells main it is ready.
 */
export function createMediaBridge(ipc: IpcRendererLike): MediaServeBridge {
  let serving = false;
  return {
    serve(handler) {
      if (typeof handler !== 'function') throw new TypeError('handler must be a function');
      if (serving) throw new Error('plusphoneMedia.serve() may be called only once per page');
      serving = true;
      ipc.on(MEDIA_RPC_CHANNEL, (_event, raw) => {
        const request = mediaRequestEnvelope(raw);
        if (request !== null) void answer(ipc, handler, request.id, request.method, request.args);
      });
      ipc.send(MEDIA_RPC_CHANNEL, { kind: 'event', topic: MEDIA_HOST_READY_TOPIC, payload: null });
    },
  };
}

/** A wire.ts `request` envelope from main, checked by hand (no zod in the sandboxed preload). */
export function mediaRequestEnvelope(raw: unknown): { id: number; method: string; args: unknown } | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { kind, id, method, args } = raw as { kind?: unknown; id?: unknown; method?: unknown; args?: unknown };
  if (kind !== 'request' || typeof method !== 'string' || method.length > 64) return null;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return null;
  return { id, method, args };
}

async function answer(
  ipc: IpcRendererLike,
  handler: MediaRequestHandler,
  id: number,
  method: string,
  args: unknown,
): Promise<void> {
  let result: Result<unknown>;
  try {
    result = asResult(await handler(method, args));
  } catch (error) {
    result = fail('internal', errorText(error));
  }
  try {
    ipc.send(MEDIA_RPC_CHANNEL, { kind: 'response', id, result });
  } catch (error) {
    // a value that cannot be cloned over IPC: main still gets an answer, not a timeout
    ipc.send(MEDIA_RPC_CHANNEL, { kind: 'response', id, result: fail('internal', errorText(error)) });
  }
}
