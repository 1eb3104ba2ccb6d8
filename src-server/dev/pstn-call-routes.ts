/**
 * POST /api/dev/pstn-call {from, to, ivr?}: the PSTN simulator's caller calls a tenant's number
 * (for demos, `npm run server -- call`); with `ivr` it presses those keys (DTMF) once a voice menu
 * has answered. Unauthenticated: app.ts mounts it only on a loopback server that asked for it.
 * JSON only, so a web page cannot post it cross-site without a preflight.
 */
import { z } from 'zod';
import { errorReply, jsonReply } from '../http/api-reply.js';
import type { Route } from '../http/route.js';
import type { Pbx } from '../pbx/index.js';

export const PSTN_CALL_PATH = '/api/dev/pstn-call';

/** The keys a simulated caller may press: 1–8 of 0-9 * #. */
export const IVR_KEYS = /^[0-9*#]{1,8}$/;

const PstnCallBody = z.object({ from: z.string().min(1).max(32), to: z.string().min(1).max(32), ivr: z.string().max(64).optional() }).strict();

export function pstnCallRoutes(pbx: Pick<Pbx, 'placeInboundCall'>): Route[] {
  return [
    {
      method: 'POST',
      path: PSTN_CALL_PATH,
      handle: async (request) => {
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const parsed = PstnCallBody.safeParse(body.value);
        if (!parsed.success) return errorReply(400, 'invalid-argument', 'from と to に電話番号を指定してください（ivr は任意）');
        const { from, to, ivr } = parsed.data;
        if (ivr !== undefined && !IVR_KEYS.test(ivr)) return errorReply(400, 'invalid-argument', 'ivr には押すキーを 0〜9・*・# の8桁までで指定してください');
        const result = pbx.placeInboundCall(from, to, ivr === undefined ? {} : { ivrDigits: ivr });
        // 202: ringing, or answered by a voice menu (200); otherwise the SIP status the caller got
        const httpStatus = result.status === 180 || result.status === 200 ? 202 : result.status === 404 ? 404 : 409;
        return jsonReply(httpStatus, { sipStatus: result.status, reason: result.reason });
      },
    },
  ];
}
