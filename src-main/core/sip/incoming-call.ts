import { SessionState, type Invitation } from 'sip.js';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import type { LineEndReason } from '../../../src-shared/domain/phone-snapshot.js';
import type { CallControl } from '../lines/call-control.js';
import type { Line } from '../lines/line.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import { isAnsweredElsewhere } from './call-failure.js';

export interface IncomingCallOptions {
  invitation: Invitation;
  line: Line;
  now: () => number;
  logger: Logger;
}

/** Status for a call the user declines or hangs up while it rings. */
export const DEFAULT_REJECT_STATUS = 486;

/** How long a re-INVITE waits for the ACK of our 200 OK before it goes anyway (SIP.js itself waits 64·T1). */
export const ACK_WAIT_MS = 5_000;

/**
 * Drives a ringing Line from a SIP.js Invitation: makes sure 180 Ringing is sent, maps CANCEL (with
 * `Reason: SIP;cause=200` → answeredElsewhere), answer, BYE and rejection onto the line.
 */
export function bindIncomingCall({ invitation, line, now, logger }: IncomingCallOptions): CallControl {
  let endReason: LineEndReason | undefined;
  let established = false;
  let accepting = false;
  let acknowledged = false;
  const ackWaiters = new Set<() => void>();
  const acknowledge = (): void => {
    acknowledged = true;
    for (const resume of ackWaiters) resume();
    ackWaiters.clear();
  };

  const onState = (state: SessionState): void => {
    if (state === SessionState.Established) {
      established = true;
      line.markConnected(now());
    } else if (state === SessionState.Terminated) {
      acknowledge(); // nothing more to wait for
      const fallback: LineEndReason = established ? 'remoteHangup' : accepting ? 'failed' : 'cancelled';
      line.end(endReason ?? fallback, now());
    }
  };
  invitation.stateChange.addListener(onState);
  invitation.delegate = {
    onCancel: (cancel) => {
      endReason ??= isAnsweredElsewhere(cancel.request.getHeaders('reason')) ? 'answeredElsewhere' : 'cancelled';
    },
    // called before SIP.js checks the ACK against the offer state: a re-INVITE may follow from here
    onAck: () => acknowledge(),
  };

  // SIP.js has usually sent 180 Ringing already, before handing us the call: one is enough.
  if (!invitation.autoSendAnInitialProvisionalResponse) {
    invitation.progress().catch((error: unknown) => {
      logger.warn('180 Ringing not sent', { lineId: line.id, error: errorMessage(error) });
    });
  }

  const assertRinging = (): void => {
    if (invitation.state !== SessionState.Initial || accepting) {
      throw new ContractFailure('invalid-state', accepting ? 'すでに応答しています' : 'この着信はすでに終了しています');
    }
  };

  return {
    session: invitation,
    expectEnd(reason) {
      endReason = reason;
    },
    async answer() {
      assertRinging();
      accepting = true;
      try {
        await invitation.accept();
      } catch (error) {
        logger.warn('answer failed', { lineId: line.id, error: errorMessage(error) });
        // the caller hung up (or another desk answered) while we were answering
        if (endReason === 'cancelled' || endReason === 'answeredElsewhere') {
          throw new ContractFailure('invalid-state', 'この着信はすでに終了しています');
        }
        endReason ??= 'failed';
        if (line.isLive) line.end('failed', now());
        throw new ContractFailure('internal', '応答できませんでした');
      }
    },
    readyForReinvite() {
      if (acknowledged) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const resume = (): void => {
          clearTimeout(timer);
          ackWaiters.delete(resume);
          resolve();
        };
        const timer = setTimeout(() => {
          logger.warn('no ACK for our 200 OK yet; the re-INVITE goes anyway', { lineId: line.id, waitedMs: ACK_WAIT_MS });
          resume();
        }, ACK_WAIT_MS);
        ackWaiters.add(resume);
      });
    },
    async reject(statusCode) {
      assertRinging();
      endReason ??= 'rejected';
      await invitation.reject({ statusCode });
    },
    async hangup() {
      switch (invitation.state) {
        case SessionState.Initial:
        case SessionState.Establishing:
          endReason ??= 'rejected';
          await invitation.reject({ statusCode: DEFAULT_REJECT_STATUS });
          return;
        case SessionState.Established:
          endReason ??= 'localHangup';
          await invitation.bye();
          return;
        default:
          return;
      }
    },
    detach() {
      invitation.stateChange.removeListener(onState);
      invitation.delegate = undefined;
      acknowledge();
    },
  };
}
