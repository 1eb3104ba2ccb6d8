import { estimateFees } from '../../src-shared/domain/fee-estimate.js';
import { errorReply, jsonReply } from '../http/api-reply.js';
import type { Route } from '../http/route.js';
import { requireCustomer, type CustomerAuthDeps } from '../customer-page/customer-session.js';
import type { FeeEstimateQueries } from './fee-estimate-queries.js';

export interface FeeEstimateRouteDeps extends CustomerAuthDeps {
  fees: FeeEstimateQueries;
}

/** 料金見積: the tenant's initial and monthly fees, line by line, from what it has right now. */
export function feeEstimateRoutes(deps: FeeEstimateRouteDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/customer/fee-estimate',
      handle(request) {
        const gate = requireCustomer(request, deps, { mutating: false });
        if (!gate.ok) return gate.reply;
        const input = deps.fees.inputFor(gate.session.tenantId);
        if (!input) return errorReply(404, 'not-found', '契約が見つかりません');
        return jsonReply(200, estimateFees(input));
      },
    },
  ];
}
