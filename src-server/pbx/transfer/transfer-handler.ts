/**
 * REFERs that are transfers (issue 4 point 6): answered 202, then followed by sipfrag NOTIFYs in
 * the referrer's dialog (RFC 3515). Refer-To with Replaces → attended transfer; to a number →
 * blind transfer. REFERs to a feature code (park) are left to their handler. The Refer-To was
 * read (and a bad one refused with 400) by the B2BUA with transfer/refer-to.ts.
 */
import { attendedTransfer } from './attended-transfer.js';
import { BlindTransfer } from './blind-transfer.js';
import { ReferNotifier } from './refer-notifier.js';
import { B2buaTransferHost } from './b2bua-transfer-host.js';
import { type TransferHost } from './transfer-host.js';
import { type B2bua, type ReferRequest } from '../b2bua/b2bua.js';
import { innermostParty } from '../b2bua/party.js';
import { recognizeFeatureCode, type FeatureCodes } from '../routing/feature-codes.js';

/** Transfers for this B2BUA's calls; registered after park (which takes REFERs to its codes). */
export function registerTransfer(b2bua: B2bua): void {
  const host = new B2buaTransferHost(b2bua);
  b2bua.addReferHandler((refer) => handleTransferRefer(host, b2bua.featureCodes, refer));
}

/** Returns true when the REFER was a transfer (and its transaction was answered). */
export function handleTransferRefer(host: TransferHost, featureCodes: FeatureCodes, refer: ReferRequest): boolean {
  const { request, tx, target } = refer;
  if (!target.replaces && recognizeFeatureCode(target.user, featureCodes)) return false;
  const referrer = innermostParty(refer.referrer);
  const dialledBy = referrer.identity;
  if (!referrer.sendInDialog || !dialledBy.sipUser) {
    tx.respond({ status: 403, reason: 'Transfer Not Allowed' });
    return true;
  }
  if (!target.replaces && target.user === '') {
    tx.respond({ status: 400, reason: 'Bad Refer-To' });
    return true;
  }
  tx.respond({ status: 202 });
  const notifier = new ReferNotifier({ sendInDialog: referrer.sendInDialog.bind(referrer) }, {
    referCseq: request.cseq,
    contactUri: host.contactUri,
    // outlasts the target's ringing (the B2BUA's no-answer timeout, 60 s by default)
    expiresSeconds: 120,
    onSendFailed: () => host.logger.debug('transfer NOTIFY not delivered', { referrer: dialledBy.sipUser }),
  });
  notifier.report(100);
  if (target.replaces) {
    attendedTransfer(host, notifier, refer.call, referrer, target.replaces);
    return true;
  }
  const parties = refer.call.detach();
  if (!parties) {
    notifier.report(481);
    return true;
  }
  const transferee = parties.caller === referrer ? parties.callee : parties.caller;
  host.logger.info('blind transfer', { transferor: dialledBy.sipUser, to: target.user });
  new BlindTransfer(host, notifier, referrer, transferee).start(dialledBy, target.user);
  return true;
}
