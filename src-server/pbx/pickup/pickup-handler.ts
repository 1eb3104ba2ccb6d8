/**
 * The B2BUA's handler for the pickup codes: choose the ringing call (choose-pickup.ts) and let
 * the picker's INVITE win it (`Call.answerBy`); the Call cancels the devices that were ringing
 * with "Call completed elsewhere". Nothing to pick up: 404 with the reason.
 */
import { choosePickup, type PickupRequest, type RingingCall } from './choose-pickup.js';
import { type B2bua, type FeatureInvite, type FeatureInviteHandler } from '../b2bua/b2bua.js';
import { type Call } from '../b2bua/call.js';
import { CallerAsCallee } from '../b2bua/caller-as-callee.js';

export function registerPickup(b2bua: B2bua): void {
  const handler = pickupHandler(b2bua);
  b2bua.setFeatureHandler('groupPickup', handler);
  b2bua.setFeatureHandler('directedPickup', handler);
}

export function pickupHandler(b2bua: Pick<B2bua, 'activeCalls' | 'context'>): FeatureInviteHandler {
  return (invite: FeatureInvite) => {
    const { feature, caller, tenant, tx } = invite;
    const request: PickupRequest | undefined =
      feature.kind === 'groupPickup' ? { kind: 'group' } : feature.kind === 'directedPickup' ? { kind: 'directed', extension: feature.extension } : undefined;
    if (!request) {
      tx.respond({ status: 404 });
      return;
    }
    const choice = choosePickup(request, caller, tenant, ringingCalls(b2bua.activeCalls));
    const { logger } = b2bua.context;
    if (!choice.ok) {
      logger.info('pickup: nothing to pick up', { picker: caller.sipUser, code: feature.code, reason: choice.reason });
      tx.respond({ status: choice.status, reason: choice.reason });
      return;
    }
    const call = choice.call;
    // the picker's INVITE, built with the call as its listener, wins the ringing call
    const side = new CallerAsCallee(invite.callerLeg, call, call.callerParty.identity);
    if (!call.answerBy(side)) {
      side.terminate(); // it stopped ringing meanwhile: the picker's INVITE gets 480
      return;
    }
    logger.info('pickup', { picker: caller.sipUser, from: choice.from.sipUser, call: call.id, code: feature.code });
  };
}

/** Calls ringing now, oldest first (`activeCalls` keeps the order calls started in). */
function ringingCalls(calls: readonly Call[]): Array<RingingCall<Call>> {
  return calls
    .map((call, index) => ({ call, index }))
    .filter(({ call }) => call.currentState === 'ringing')
    .map(({ call, index }) => ({
      call,
      ringingSince: index,
      callerSipUser: call.callerParty.identity.sipUser,
      ringingSipUsers: call.ringingSipUsers,
    }));
}
