import { z } from 'zod';
import { errorReply, jsonReply } from '../http/api-reply.js';
import type { Route } from '../http/route.js';
import { validate } from '../http/validate.js';
import { PARK_RECALL_SECONDS_MAX, PARK_RECALL_SECONDS_MIN, type ParkSettingsStore } from '../store/park-settings-store.js';
import { requireCustomer, type CustomerAuthDeps } from './customer-session.js';

export interface ParkSettingsRouteDeps extends CustomerAuthDeps {
  parkSettings: Pick<ParkSettingsStore, 'recallSeconds' | 'setRecallSeconds'>;
}

export const PARK_SETTINGS_PATH = '/api/customer/park-settings';

const parkSettingsSchema = z
  .object({ recallSeconds: z.number().int().min(PARK_RECALL_SECONDS_MIN).max(PARK_RECALL_SECONDS_MAX) })
  .strict();

const NOT_FOUND = '契約が見つかりません';

/**
 * パーク保留 settings of the customer page: the recall time (a call parked longer rings the ID
 * that parked it), 10–3600 s. The session's tenant only; the PBX reads it at each park.
 */
export function parkSettingsRoutes(deps: ParkSettingsRouteDeps): Route[] {
  return [
    {
      method: 'GET',
      path: PARK_SETTINGS_PATH,
      handle(request) {
        const gate = requireCustomer(request, deps, { mutating: false });
        if (!gate.ok) return gate.reply;
        const recallSeconds = deps.parkSettings.recallSeconds(gate.session.tenantId);
        return recallSeconds === undefined ? errorReply(404, 'not-found', NOT_FOUND) : jsonReply(200, { recallSeconds });
      },
    },
    {
      method: 'PUT',
      path: PARK_SETTINGS_PATH,
      async handle(request) {
        const gate = requireCustomer(request, deps, { mutating: true });
        if (!gate.ok) return gate.reply;
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const input = validate(parkSettingsSchema, body.value);
        if (!input.ok) {
          return errorReply(400, 'invalid-argument', `呼び戻し時間は${PARK_RECALL_SECONDS_MIN}〜${PARK_RECALL_SECONDS_MAX}秒の整数で指定してください`);
        }
        const stored = deps.parkSettings.setRecallSeconds(gate.session.tenantId, input.value.recallSeconds);
        return stored ? jsonReply(200, { recallSeconds: input.value.recallSeconds }) : errorReply(404, 'not-found', NOT_FOUND);
      },
    },
  ];
}
