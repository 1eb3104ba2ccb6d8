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
  /** how long a CANCEL may go unanswered before the line ends anyway (default 64·T1 = 32 s) */
  cancelGiveUpMs?: number;
}

/**
 * RFC 3261 §9.1: a UAC that gets no final response within 64·T1 of its CANCEL considers the
 * transaction cancelled. SIP.js has no such timer: the session would stay "Terminating" and the
 * line "dialing"/"ringingOut" for good, with a hang-up that does nothing any more.
 */
const DEFAULT_CANCEL_GIVE_UP_MS = 64 * 500;

/**
 * Drives a Line from a SIP.js Inviter: sends the INVITE at once and maps its progress
 * (180/183 → ringingOut, 2xx → connected, failure → busy/notFound/rejected/failed, BYE →
 * remoteHangup) onto the line.
 */
export function startOutgoingCall({
  inviter,
  line,
  now,
  logger,
  cancelGiveUpMs = DEFAULT_CANCEL_GIVE_UP_MS,
}: OutgoingCallOptions): CallControl {
  /** set by whoever learns first why the call ends; SessionState.Terminated applies it */
  let endReason: LineEndReason | undefined;
  let established = false;
  let giveUpTimer: ReturnType<typeof setTimeout> | undefined;

  /** The CANCEL went out but nothing ends the INVITE: end the line and release its media. */
  const giveUpAfterCancel = (): void => {
    if (giveUpTimer !== undefined || inviter.state === SessionState.Terminated) return;
    giveUpTimer = setTimeout(() => {
      giveUpTimer = undefined;
      if (!line.isLive) return;
      logger.warn('no final response after CANCEL; ending the line', { lineId: line.id });
      line.end(endReason ?? 'cancelled', now());
      // takes the session off the user agent and closes its media (state stays Terminating)
      inviter.dispose().catch(() => undefined);
    }, cancelGiveUpMs);
    // a line waiting for a lost CANCEL must not keep a Node process (test, CLI) alive
    (giveUpTimer as { unref?: () => void }).unref?.();
  };

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
    if (asserted?.number) line.learnRemoteNumber(asserted.number);
    if (asserted?.name) line.updateRemoteName(asserted.name);
  };

  inviter
    .invite({
      requestDelegate: {
        onProgress: (response) => {
          const status = response.message.statusCode ?? 0;
          if (status === 180 || status === 183) line.markRingingOut(now());
          // a 18x with SDP brings the far end's own ringback: no local one then (core/audio)
          if (response.message.body) line.markEarlyMedia();
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
    session: inviter,
    expectEnd(reason) {
      endReason = reason;
    },
    // SIP.js sends the ACK of the 2xx before the session is established
    readyForReinvite: () => Promise.resolve(),
    answer: () => Promise.reject(new ContractFailure('invalid-state', '発信中の通話には応答できません')),
    reject: () => Promise.reject(new ContractFailure('invalid-state', '発信中の通話は拒否できません')),
    async hangup() {
      switch (inviter.state) {
        case SessionState.Initial:
        case SessionState.Establishing:
          endReason ??= 'cancelled';
          await inviter.cancel();
          giveUpAfterCancel();
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
      if (giveUpTimer !== undefined) clearTimeout(giveUpTimer);
      giveUpTimer = undefined;
    },
  };
}
