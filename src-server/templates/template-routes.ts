import { z } from 'zod';
import { errorReply, jsonReply } from '../http/api-reply.js';
import type { ApiRequest, Route } from '../http/route.js';
import { validate, type Validated } from '../http/validate.js';
import { requireCustomer, type CustomerAuthDeps } from '../customer-page/customer-session.js';
import type { SoftphoneAuthDeps } from '../provisioning/softphone-session.js';
import { SESSION_INVALID_MESSAGE } from '../provisioning/softphone-routes.js';
import { LINK_TEMPLATE_PLACEHOLDERS, linkTemplateSchema } from './link-template.js';
import { parkSlotNamesUpdateSchema } from './park-slot-names.js';
import type { TemplateQueries } from './template-queries.js';

export interface TemplateRouteDeps extends CustomerAuthDeps, SoftphoneAuthDeps {
  templates: TemplateQueries;
}

const templatesUpdateSchema = z.object({ crmUrl: linkTemplateSchema, numberSearchUrl: linkTemplateSchema }).strict();

/**
 * CRM / number-search templates and park-slot names: edited on the customer page, read by the
 * softphone. Each reply carries the placeholders so the page can explain them.
 */
export function templateRoutes(deps: TemplateRouteDeps): Route[] {
  const templatesOf = (tenantId: number) => ({ ...deps.templates.templates(tenantId), placeholders: LINK_TEMPLATE_PLACEHOLDERS });
  const slotsOf = (tenantId: number) => ({ slots: deps.templates.parkSlotNames(tenantId) });
  const softphoneSession = (request: ApiRequest) => deps.authenticateSoftphone(request);
  const unauthorizedSoftphone = () => errorReply(401, 'unauthorized', SESSION_INVALID_MESSAGE, { headers: { 'WWW-Authenticate': 'Bearer' } });

  return [
    {
      method: 'GET',
      path: '/api/customer/templates',
      handle(request) {
        const gate = requireCustomer(request, deps, { mutating: false });
        return gate.ok ? jsonReply(200, templatesOf(gate.session.tenantId)) : gate.reply;
      },
    },
    {
      method: 'PUT',
      path: '/api/customer/templates',
      async handle(request) {
        const gate = requireCustomer(request, deps, { mutating: true });
        if (!gate.ok) return gate.reply;
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const input = validateTemplates(body.value);
        if (!input.ok) return input.reply;
        deps.templates.setTemplates(gate.session.tenantId, input.value);
        return jsonReply(200, templatesOf(gate.session.tenantId));
      },
    },
    {
      method: 'GET',
      path: '/api/customer/park-slots',
      handle(request) {
        const gate = requireCustomer(request, deps, { mutating: false });
        return gate.ok ? jsonReply(200, slotsOf(gate.session.tenantId)) : gate.reply;
      },
    },
    {
      method: 'PUT',
      path: '/api/customer/park-slots',
      async handle(request) {
        const gate = requireCustomer(request, deps, { mutating: true });
        if (!gate.ok) return gate.reply;
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const input = validate(parkSlotNamesUpdateSchema, body.value);
        if (!input.ok) return input.reply;
        deps.templates.setParkSlotNames(gate.session.tenantId, input.value.slots);
        return jsonReply(200, slotsOf(gate.session.tenantId));
      },
    },
    {
      method: 'GET',
      path: '/api/softphone/templates',
      handle(request) {
        const session = softphoneSession(request);
        return session ? jsonReply(200, templatesOf(session.tenantId)) : unauthorizedSoftphone();
      },
    },
    {
      method: 'GET',
      path: '/api/softphone/park-slots',
      handle(request) {
        const session = softphoneSession(request);
        return session ? jsonReply(200, slotsOf(session.tenantId)) : unauthorizedSoftphone();
      },
    },
  ];
}

const FIELD_LABELS: Readonly<Record<string, string>> = { crmUrl: 'CRM連携URL', numberSearchUrl: '番号検索URL' };

/** Like validate(), but a refused URL says why (the admin has to fix it by hand). */
function validateTemplates(input: unknown): Validated<z.output<typeof templatesUpdateSchema>> {
  const checked = validate(templatesUpdateSchema, input);
  if (checked.ok) return checked;
  const custom = templatesUpdateSchema.safeParse(input).error?.issues.find((issue) => issue.code === 'custom');
  if (!custom) return checked;
  const field = String(custom.path[0] ?? '');
  return { ok: false, reply: errorReply(400, 'invalid-argument', `${FIELD_LABELS[field] ?? field}: ${custom.message}`) };
}
