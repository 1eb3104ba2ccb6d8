import type { HandlersOf } from '../../../src-shared/contract/define.js';
import type { callRequests } from '../../../src-shared/contract/requests/calls.js';
import type { AccountSession } from '../account/account-session.js';

/**
 * The call-control requests of the contract, for PhoneService to spread into its handlers.
 * `account()` gives the logged-in account or throws the contract's "not logged in" failure.
 */
export function callHandlers(account: () => AccountSession): HandlersOf<typeof callRequests> {
  return {
    'call.hold': async ({ lineId }) => {
      await account().actions.hold(lineId);
      return null;
    },
    'call.resume': async ({ lineId }) => {
      await account().actions.resume(lineId);
      return null;
    },
    'call.mute': async ({ lineId, muted }) => {
      await account().actions.setMuted(lineId, muted);
      return null;
    },
    'call.dtmf': async ({ lineId, digits }) => {
      await account().actions.dtmf(lineId, digits);
      return null;
    },
    'call.transferBlind': async ({ lineId, target }) => {
      await account().actions.transferBlind(lineId, target);
      return null;
    },
    'call.transferAttended': async ({ lineId, otherLineId }) => {
      await account().actions.transferAttended(lineId, otherLineId);
      return null;
    },
    'call.park': async ({ lineId, slot }) => {
      await account().actions.park(lineId, slot);
      return null;
    },
    'call.retrieve': ({ slot }) => account().actions.retrieve(slot),
    'call.pickup': ({ extension }) => account().actions.pickup(extension),
    'phone.setDnd': ({ on }) => {
      account().setDnd(on);
      return null;
    },
  };
}
