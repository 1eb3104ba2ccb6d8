/**
 * Attended transfer (REFER with Replaces, RFC 3891 as used by RFC 5589 §7): the transferor talks
 * to A in one call and to C in another; its REFER in the first names its dialog of the second.
 * The PBX joins A and C in a new call, hangs up both of the transferor's legs, and tells it 200.
 * A Replaces naming no established call of the same ID gets NOTIFY 481 and changes nothing.
 */
import { type ReplacesTarget } from './replaces.js';
import { type ReferNotifier } from './refer-notifier.js';
import { type TransferHost } from './transfer-host.js';
import { type Call } from '../b2bua/call.js';
import { type Party } from '../b2bua/party.js';

export function attendedTransfer(host: TransferHost, notifier: ReferNotifier, call: Call, transferor: Party, replaces: ReplacesTarget): void {
  // RFC 3891 §3: to-tag is the PBX's own tag in that dialog; some phones swap them, so try both.
  const found =
    host.callOfDialog(replaces.callId, replaces.toTag, replaces.fromTag) ?? host.callOfDialog(replaces.callId, replaces.fromTag, replaces.toTag);
  const sipUser = transferor.identity.sipUser;
  if (!found || found.call === call || !sipUser || found.party.identity.sipUser !== sipUser || found.call.currentState !== 'established') {
    host.logger.info('attended transfer: Replaces names no call of the transferor', { transferor: sipUser });
    notifier.report(481);
    return;
  }
  if (replaces.earlyOnly) {
    notifier.report(486); // RFC 3891 §3: early-only, but that dialog is confirmed
    return;
  }
  const first = call.detach();
  const second = first ? found.call.detach() : undefined;
  if (!first || !second) {
    // not established any more (cannot happen between the checks above): give back what we took
    if (first) host.join(first.caller, first.callee);
    notifier.report(481);
    return;
  }
  const transferee = first.caller === transferor ? first.callee : first.caller;
  const target = second.caller === found.party ? second.callee : second.caller;
  notifier.report(200);
  host.join(transferee, target);
  transferor.hangUp();
  found.party.hangUp();
  host.logger.info('attended transfer done', { transferor: sipUser });
}
