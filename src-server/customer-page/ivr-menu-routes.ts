import { errorReply, jsonReply, type ApiReply } from '../http/api-reply.js';
import type { ApiRequest, Route } from '../http/route.js';
import { validate } from '../http/validate.js';
import { IVR_PROMPTS } from '../pbx/ivr/ivr-prompts.js';
import type { IvrMenuError, IvrMenuStore } from '../store/ivr-menu-store.js';
import { pathId } from './customer-admin-schemas.js';
import { ivrMenuSchema } from './ivr-menu-schemas.js';
import { requireCustomer, type CustomerAuthDeps, type CustomerSession } from './customer-session.js';

export interface IvrMenuRouteDeps extends CustomerAuthDeps {
  menus: Pick<IvrMenuStore, 'menuOf' | 'setMenu' | 'removeMenu'>;
}

export const IVR_MENU_PATH = '/api/customer/numbers/:numberId/ivr-menu';
const NUMBER_NOT_FOUND = '指定された番号はありません';

/**
 * 自動音声応答 of a company number on the customer page: read, set (replace) or remove its voice
 * menu. Scoped to the session's tenant: another tenant's number is answered like one that does not
 * exist (404), checked before the body is read. Every change bumps the tenant's config version
 * (the store does it in the same transaction); the PBX reads the menu per call.
 */
export function ivrMenuRoutes(deps: IvrMenuRouteDeps): Route[] {
  const gate = (request: ApiRequest, mutating: boolean): { session: CustomerSession; numberId: number } | ApiReply => {
    const check = requireCustomer(request, deps, { mutating });
    if (!check.ok) return check.reply;
    const numberId = pathId(request.params.numberId);
    const known = numberId !== undefined && deps.menus.menuOf(check.session.tenantId, numberId).ok;
    return known && numberId !== undefined ? { session: check.session, numberId } : errorReply(404, 'not-found', NUMBER_NOT_FOUND);
  };
  const prompts = IVR_PROMPTS.map(({ name, label }) => ({ name, label }));

  return [
    {
      method: 'GET',
      path: IVR_MENU_PATH,
      handle(request) {
        const gated = gate(request, false);
        if (!('session' in gated)) return gated;
        const menu = deps.menus.menuOf(gated.session.tenantId, gated.numberId);
        return menu.ok ? jsonReply(200, { menu: menu.value, prompts }) : ivrErrorReply(menu.error);
      },
    },
    {
      method: 'PUT',
      path: IVR_MENU_PATH,
      async handle(request) {
        const gated = gate(request, true);
        if (!('session' in gated)) return gated;
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const input = validate(ivrMenuSchema, body.value);
        if (!input.ok) return input.reply;
        const stored = deps.menus.setMenu(gated.session.tenantId, gated.numberId, input.value);
        return stored.ok ? jsonReply(200, { menu: stored.value }) : ivrErrorReply(stored.error);
      },
    },
    {
      method: 'DELETE',
      path: IVR_MENU_PATH,
      handle(request) {
        const gated = gate(request, true);
        if (!('session' in gated)) return gated;
        const removed = deps.menus.removeMenu(gated.session.tenantId, gated.numberId);
        return removed.ok ? jsonReply(200, { menu: null }) : ivrErrorReply(removed.error);
      },
    },
  ];
}

/** Unknown or another tenant's number → 404; every rule of a menu is about the input itself → 400. */
function ivrErrorReply(error: IvrMenuError): ApiReply {
  return error.code === 'not-found' ? errorReply(404, 'not-found', error.message) : errorReply(400, error.code, error.message);
}
