import { z } from 'zod';

/**
 * Envelopes for a contract carried over a WebSocket (browser host). Both directions carry
 * requests: windows call main (ipc), main calls the media host (media).
 */
export const wireMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('request'),
    id: z.number().int().nonnegative(),
    method: z.string().max(64),
    args: z.unknown(),
  }),
  z.object({
    kind: z.literal('response'),
    id: z.number().int().nonnegative(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
    ]),
  }),
  z.object({ kind: z.literal('event'), topic: z.string().max(64), payload: z.unknown() }),
]);
export type WireMessage = z.infer<typeof wireMessage>;

export const MAX_WIRE_MESSAGE_BYTES = 256 * 1024;
