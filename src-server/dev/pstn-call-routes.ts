/**
 * POST /api/dev/pstn-call {from, to}: the PSTN simulator's caller calls a tenant's number (for
 * demos, `npm run server -- call`). Unauthenticated: app.ts mounts it only on a loopback server
 * that asked for it. JSON only, so a web page cannot post it cross-site without a preflight.
 */
import { z } from 'zod';
import { errorReply, jsonReply } from '../http/api-reply.js';
import type { Route } from '../http/route.js';
import type { Pbx } from '../pbx/index.js';

export const PSTN_CALL_PATH = '/api/dev/pstn-call';

const PstnCallBody = z.object({ from: z.string().min(1).max(32), to: z.string().min(1).max(32) });

export function pstnCallRoutes(pbx: Pick<Pbx, 'placeInboundCall'>): Route[] {
  return [
    {
      method: 'POST',
      path: PSTN_CALL_PATH,
      handle: async (request) => {
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const parsed = PstnCallBody.safeParse(body.value);
        if (!parsed.success) return errorReply(400, 'invalid-argument', 'from と to に電話番号を指定してください');
        const result = pbx.placeInboundCall(parsed.data.from, parsed.data.to);
        // 202: ringing; otherwise the SIP status the caller got, as the reply body says
        const httpStatus = result.status === 180 ? 202 : result.status === 404 ? 404 : 409;
        return jsonReply(httpStatus, { sipStatus: result.status, reason: result.reason });
      },
    },
  ];
}
