import { SessionState, type Core, type Inviter } from 'sip.js';
import type { LineEndReason } from '../../../src-shared/domain/phone-snapshot.js';
import type { CallControl } from '../lines/call-control.js';
import type { Line } from '../lines/line.js';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import { endReasonForFailureStatus } from './call-failure.js';
import { parsePartyHeader } from './party-identity.js';

export interface OutgoingCallOptions {
  inviter: Inviter;
  line: Line;
  now: () => number;
  logger: Logger;
}

/**
 * Drives a Line from a SIP.js Inviter: sends the INVITE at once and maps its progress
 * (180/183 → ringingOut, 2xx → connected, failure → busy/notFound/rejected/failed, BYE →
 * remoteHangup) onto the line.
 */
export function startOutgoingCall({ inviter, line, now, logger }: OutgoingCallOptions): CallControl {
  /** set by whoever learns first why the call ends; SessionState.Terminated applies it */
  let endReason: LineEndReason | undefined;
  let established = false;

  const onState = (state: SessionState): void => {
    if (state === SessionState.Established) {
      established = true;
      line.markConnected(now());
    } else if (state === SessionState.Terminated) {
      const endedAt = now();
      // SIP.js moves to Terminated just before it hands the failure response to onReject (in the
      // same call stack): let that run first so the line knows it was busy, not just "failed".
      queueMicrotask(() => line.end(endReason ?? (established ? 'remoteHangup' : 'failed'), endedAt));
    }
  };
  inviter.stateChange.addListener(onState);

  const learnRemoteName = (response: Core.IncomingResponse): void => {
    const asserted = parsePartyHeader(response.message.getHeader('P-Asserted-Identity'));
    if (asserted?.name) line.updateRemoteName(asserted.name);
  };

  inviter
    .invite({
      requestDelegate: {
        onProgress: (response) => {
          const status = response.message.statusCode ?? 0;
          if (status === 180 || status === 183) line.markRingingOut();
          learnRemoteName(response);
        },
        onAccept: (response) => learnRemoteName(response),
        onReject: (response) => {
          const status = response.message.statusCode ?? 0;
          logger.info('call rejected by the far end', { lineId: line.id, status });
          endReason ??= endReasonForFailureStatus(status);
        },
      },
    })
    .catch((error: unknown) => {
      // media could not make an offer, or the call was cancelled before the INVITE left
      endReason ??= 'failed';
      logger.warn('INVITE not sent', { lineId: line.id, error: errorMessage(error) });
      if (line.isLive && inviter.state === SessionState.Terminated) line.end(endReason, now());
    });

  return {
    answer: () => Promise.reject(new ContractFailure('invalid-state', '発信中の通話には応答できません')),
    reject: () => Promise.reject(new ContractFailure('invalid-state', '発信中の通話は拒否できません')),
    async hangup() {
      switch (inviter.state) {
        case SessionState.Initial:
        case SessionState.Establishing:
          endReason ??= 'cancelled';
          await inviter.cancel();
          return;
        case SessionState.Established:
          endReason ??= 'localHangup';
          await inviter.bye();
          return;
        default:
          // already ending: nothing left to send
          return;
      }
    },
    detach() {
      inviter.stateChange.removeListener(onState);
    },
  };
}
