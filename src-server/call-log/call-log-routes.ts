import { z } from 'zod';
import { jsonReply } from '../http/api-reply.js';
import type { ApiRequest, Route } from '../http/route.js';
import { validate } from '../http/validate.js';
import { requireCustomer, type CustomerAuthDeps } from '../customer-page/customer-session.js';
import type { CallLogQueries } from './call-log-queries.js';
import { monthOf, monthRange, MONTH_PATTERN, type MonthRange } from './month.js';

export const CALL_LOG_PAGE_DEFAULT = 50;
export const CALL_LOG_PAGE_MAX = 200;

export interface CallLogRouteDeps extends CustomerAuthDeps {
  callLog: CallLogQueries;
  now?: () => number;
}

const monthSchema = z.string().regex(MONTH_PATTERN, '年月は YYYY-MM の形式で指定してください');
const pageQuerySchema = z.object({
  month: monthSchema.optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(CALL_LOG_PAGE_MAX).default(CALL_LOG_PAGE_DEFAULT),
});
const summaryQuerySchema = z.object({ month: monthSchema.optional() });

/**
 * The customer page's call log (通話履歴): one month of the tenant's calls, newest first and
 * paged, and that month's totals. Months are JST; no month = the current one.
 */
export function callLogRoutes(deps: CallLogRouteDeps): Route[] {
  const now = deps.now ?? Date.now;
  const rangeOf = (month: string | undefined): MonthRange => monthRange(month ?? monthOf(now())) as MonthRange;
  return [
    {
      method: 'GET',
      path: '/api/customer/call-log',
      handle(request) {
        const gate = requireCustomer(request, deps, { mutating: false });
        if (!gate.ok) return gate.reply;
        const query = validate(pageQuerySchema, queryObject(request));
        if (!query.ok) return query.reply;
        const range = rangeOf(query.value.month);
        const { offset, limit } = query.value;
        const page = deps.callLog.page(gate.session.tenantId, range, offset, limit);
        return jsonReply(200, { month: range.month, offset, limit, total: page.total, entries: page.entries });
      },
    },
    {
      method: 'GET',
      path: '/api/customer/call-log/summary',
      handle(request) {
        const gate = requireCustomer(request, deps, { mutating: false });
        if (!gate.ok) return gate.reply;
        const query = validate(summaryQuerySchema, queryObject(request));
        if (!query.ok) return query.reply;
        const range = rangeOf(query.value.month);
        return jsonReply(200, { month: range.month, ...deps.callLog.summary(gate.session.tenantId, range) });
      },
    },
  ];
}

/** The query string as a plain object; a repeated parameter becomes an array (and fails validation). */
function queryObject(request: ApiRequest): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(request.query.keys())) {
    const values = request.query.getAll(key);
    result[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return result;
}
