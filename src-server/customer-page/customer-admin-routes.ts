import { errorReply, jsonReply, type ApiReply } from '../http/api-reply.js';
import type { ApiRequest, Route } from '../http/route.js';
import { validate } from '../http/validate.js';
import { DIRECT_NUMBER_LABEL, type CallerNumberOption } from '../policy/caller-number-policy.js';
import { checkDeviceKind, checkPassword, checkSoftphoneOption, DEVICE_KIND_LABELS } from '../store/admin-rules.js';
import { hashPassword } from '../store/password-hash.js';
import type { DeviceKind } from '../store/tenant-plan.js';
import type { AdminIdView, AdminOverview, IdPatch, TenantAdmin } from '../store/tenant-admin.js';
import { adminErrorReply } from './admin-error-reply.js';
import { idPatchSchema, newIdSchema, newNumberSchema, numberLabelSchema, pathId, ringSetSchema } from './customer-admin-schemas.js';
import { requireCustomer, type CustomerAuthDeps, type CustomerSession } from './customer-session.js';

export interface CustomerAdminRouteDeps extends CustomerAuthDeps {
  admin: Pick<
    TenantAdmin,
    'overview' | 'findId' | 'updateId' | 'setRingSet' | 'setNumberLabel' | 'addNumber' | 'removeNumber' | 'addId' | 'removeId'
  >;
  /** scrypt; injectable so tests can use cheap parameters */
  hashPassword?: (password: string) => Promise<string>;
}

const ID_NOT_FOUND = '指定されたIDはありません';
const NUMBER_NOT_FOUND = '指定された番号はありません';

/**
 * 番号・ID設定 of the customer page: the overview, an ID's 一般設定, ring sets (鳴り分け), labels,
 * adding and removing 追加番号 and 追加ID. Every route is scoped to the session's tenant; an id of
 * another tenant is answered exactly like one that does not exist (404), and that check comes
 * before the body is even read, so nothing about another tenant's resources leaks.
 */
export function customerAdminRoutes(deps: CustomerAdminRouteDeps): Route[] {
  const hash = deps.hashPassword ?? ((password: string) => hashPassword(password));

  /** Session gate, then the `:idId` of this tenant. */
  const gateId = (request: ApiRequest, mutating: boolean): { session: CustomerSession; id: AdminIdView } | ApiReply => {
    const gate = requireCustomer(request, deps, { mutating });
    if (!gate.ok) return gate.reply;
    const idId = pathId(request.params.idId);
    const id = idId === undefined ? undefined : deps.admin.findId(gate.session.tenantId, idId);
    return id ? { session: gate.session, id } : errorReply(404, 'not-found', ID_NOT_FOUND);
  };
  const gateNumber = (request: ApiRequest): { session: CustomerSession; numberId: number } | ApiReply => {
    const gate = requireCustomer(request, deps, { mutating: true });
    if (!gate.ok) return gate.reply;
    const numberId = pathId(request.params.numberId);
    const known = numberId !== undefined && deps.admin.overview(gate.session.tenantId)?.numbers.some((n) => n.numberId === numberId);
    return known && numberId !== undefined ? { session: gate.session, numberId } : errorReply(404, 'not-found', NUMBER_NOT_FOUND);
  };

  return [
    {
      method: 'GET',
      path: '/api/customer/overview',
      handle(request) {
        const gate = requireCustomer(request, deps, { mutating: false });
        if (!gate.ok) return gate.reply;
        const overview = deps.admin.overview(gate.session.tenantId);
        return overview ? jsonReply(200, overviewBody(overview)) : errorReply(404, 'not-found', '契約が見つかりません');
      },
    },
    {
      method: 'GET',
      path: '/api/customer/ids/:idId',
      handle(request) {
        const gated = gateId(request, false);
        if (!('session' in gated)) return gated;
        const overview = deps.admin.overview(gated.session.tenantId);
        return jsonReply(200, { id: idBody(gated.id), callerNumbers: overview ? callerNumbersOf(gated.id, overview) : [] });
      },
    },
    {
      method: 'PATCH',
      path: '/api/customer/ids/:idId',
      async handle(request) {
        const gated = gateId(request, true);
        if (!('session' in gated)) return gated;
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const input = validate(idPatchSchema, body.value);
        if (!input.ok) return input.reply;
        const { password, deviceKind, ...rest } = input.value;
        const problem = (password !== undefined ? checkPassword(password) : undefined) ?? (deviceKind !== undefined ? checkDeviceKind(deviceKind) : undefined);
        if (problem) return adminErrorReply(problem);
        const patch: IdPatch = { ...rest, ...(deviceKind !== undefined ? { deviceKind: deviceKind as DeviceKind } : {}) };
        if (password !== undefined) patch.passwordHash = await hash(password);
        const updated = deps.admin.updateId(gated.session.tenantId, gated.id.idId, patch);
        return updated.ok ? jsonReply(200, { id: idBody(updated.value) }) : adminErrorReply(updated.error);
      },
    },
    {
      method: 'DELETE',
      path: '/api/customer/ids/:idId',
      handle(request) {
        const gated = gateId(request, true);
        if (!('session' in gated)) return gated;
        const removed = deps.admin.removeId(gated.session.tenantId, gated.id.idId);
        return removed.ok ? jsonReply(200, { ok: true }) : adminErrorReply(removed.error);
      },
    },
    {
      method: 'POST',
      path: '/api/customer/ids',
      async handle(request) {
        const gate = requireCustomer(request, deps, { mutating: true });
        if (!gate.ok) return gate.reply;
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const input = validate(newIdSchema, body.value);
        if (!input.ok) return input.reply;
        const { password, deviceKind, softphoneOption, ...rest } = input.value;
        // The softphone option defaults to on exactly for softphone terminals.
        const option = softphoneOption ?? deviceKind === 'softphone';
        const problem =
          checkPassword(password) ?? checkDeviceKind(deviceKind) ?? checkSoftphoneOption(deviceKind as DeviceKind, option);
        if (problem) return adminErrorReply(problem);
        const created = deps.admin.addId(gate.session.tenantId, {
          ...rest,
          deviceKind: deviceKind as DeviceKind,
          softphoneOption: option,
          passwordHash: await hash(password),
        });
        return created.ok ? jsonReply(201, { id: idBody(created.value) }) : adminErrorReply(created.error);
      },
    },
    {
      method: 'PUT',
      path: '/api/customer/numbers/:numberId/ring-set',
      async handle(request) {
        const gated = gateNumber(request);
        if (!('session' in gated)) return gated;
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const input = validate(ringSetSchema, body.value);
        if (!input.ok) return input.reply;
        const updated = deps.admin.setRingSet(gated.session.tenantId, gated.numberId, input.value.idIds);
        return updated.ok ? jsonReply(200, { number: updated.value }) : adminErrorReply(updated.error);
      },
    },
    {
      method: 'PATCH',
      path: '/api/customer/numbers/:numberId',
      async handle(request) {
        const gated = gateNumber(request);
        if (!('session' in gated)) return gated;
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const input = validate(numberLabelSchema, body.value);
        if (!input.ok) return input.reply;
        const updated = deps.admin.setNumberLabel(gated.session.tenantId, gated.numberId, input.value.label);
        return updated.ok ? jsonReply(200, { number: updated.value }) : adminErrorReply(updated.error);
      },
    },
    {
      method: 'DELETE',
      path: '/api/customer/numbers/:numberId',
      handle(request) {
        const gated = gateNumber(request);
        if (!('session' in gated)) return gated;
        const removed = deps.admin.removeNumber(gated.session.tenantId, gated.numberId);
        return removed.ok ? jsonReply(200, { ok: true }) : adminErrorReply(removed.error);
      },
    },
    {
      method: 'POST',
      path: '/api/customer/numbers',
      async handle(request) {
        const gate = requireCustomer(request, deps, { mutating: true });
        if (!gate.ok) return gate.reply;
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const input = validate(newNumberSchema, body.value);
        if (!input.ok) return input.reply;
        const created = deps.admin.addNumber(gate.session.tenantId, input.value.number, input.value.label);
        return created.ok ? jsonReply(201, { number: created.value }) : adminErrorReply(created.error);
      },
    },
  ];
}

function idBody(id: AdminIdView): Record<string, unknown> {
  return { ...id, deviceKindLabel: DEVICE_KIND_LABELS[id.deviceKind] };
}

function overviewBody(overview: AdminOverview): Record<string, unknown> {
  return {
    tenant: {
      tenantId: overview.tenantId,
      name: overview.tenantName,
      mainNumber: overview.mainNumber,
      channels: overview.channels,
      configVersion: overview.configVersion,
    },
    channels: overview.channels,
    numbers: overview.numbers,
    ids: overview.ids.map((id) => ({ ...idBody(id), callerNumbers: callerNumbersOf(id, overview) })),
  };
}

/** The 発信外線番号 choices of an ID, labelled (company numbers, then its own direct number). */
function callerNumbersOf(id: AdminIdView, overview: AdminOverview): CallerNumberOption[] {
  return [
    ...overview.numbers.map(({ number, label, kind }) => ({ number, label, kind })),
    { number: id.directNumber, label: DIRECT_NUMBER_LABEL, kind: 'direct' },
  ];
}
