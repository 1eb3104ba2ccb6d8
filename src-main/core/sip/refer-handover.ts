import { SessionState, type Notification, type Session, type URI } from 'sip.js';

export type HandoverOutcome = 'succeeded' | 'failed';

/** how long a REFER may wait for its final NOTIFY (the target may ring for a while) */
const DEFAULT_GIVE_UP_MS = 60_000;

/**
 * Hand the other party of `session` on with REFER (RFC 3515): to a URI (blind transfer, park
 * code), or to the party of another established session (attended transfer: Refer-To carries
 * `Replaces`, RFC 3891, built by SIP.js from that session's dialog).
 *
 * Success: a NOTIFY whose sipfrag (RFC 3420) has a 2xx status, or the PBX ending our dialog
 * after it accepted the REFER. Failure: the REFER refused, a NOTIFY with a final failure status,
 * or nothing conclusive within `giveUpMs`. NOTIFYs are always answered 200.
 */
export interface ReferHandoverOptions {
  /** the PBX accepted the REFER (202): the outcome follows in NOTIFYs */
  onAccepted?: () => void;
  giveUpMs?: number;
}

export function referHandover(session: Session, target: URI | Session, options: ReferHandoverOptions = {}): Promise<HandoverOutcome> {
  const giveUpMs = options.giveUpMs ?? DEFAULT_GIVE_UP_MS;
  return new Promise<HandoverOutcome>((resolve) => {
    let settled = false;
    let accepted = false;
    const settle = (outcome: HandoverOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.stateChange.removeListener(onState);
      resolve(outcome);
    };
    const onState = (state: SessionState): void => {
      // the PBX ended our side: after a 202 that is the handover done, before it a failure
      if (state === SessionState.Terminated) settle(accepted ? 'succeeded' : 'failed');
    };
    const timer = setTimeout(() => settle('failed'), giveUpMs);
    (timer as { unref?: () => void }).unref?.();
    session.stateChange.addListener(onState);
    const onNotify = (notification: Notification): void => {
      notification.accept().catch(() => undefined);
      const status = sipfragStatus(notification.request.body);
      if (status === undefined || status < 200) return;
      settle(status < 300 ? 'succeeded' : 'failed');
    };
    session
      .refer(target, {
        onNotify,
        requestDelegate: {
          onAccept: () => {
            accepted = true;
            options.onAccepted?.();
          },
          onReject: () => settle('failed'),
        },
      })
      .catch(() => settle('failed'));
  });
}

/** The status code of a `message/sipfrag` body such as `SIP/2.0 200 OK`; undefined when there is none. */
export function sipfragStatus(body: string | undefined): number | undefined {
  if (!body) return undefined;
  const match = /^\s*SIP\/2\.0\s+(\d{3})\b/.exec(body.slice(0, 256));
  return match ? Number(match[1]) : undefined;
}
