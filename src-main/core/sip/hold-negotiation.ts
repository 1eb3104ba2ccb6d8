import { SessionState, type Session } from 'sip.js';
import type { ProxySessionDescriptionHandlerOptions } from './proxy-session-description-handler.js';

export type HoldOutcome = 'accepted' | 'refused';

/** 64·T1: a re-INVITE transaction that has heard nothing by then never will */
const REINVITE_GIVE_UP_MS = 32_000;

/**
 * Put a call on hold (re-INVITE with a sendonly offer, RFC 3264 §8.4) or take it off hold
 * (sendrecv). The proxy SDH passes `hold` to the media host, which sets the transceiver direction.
 *
 * A refused re-INVITE (491 glare, 500 with Retry-After, 488, a local "re-INVITE pending", a
 * timeout) never wedges the call: SIP.js rolls the offer back through our SDH (`media.rollback`),
 * and we put back the SDH options SIP.js keeps for later re-INVITEs, which it would otherwise
 * reuse with the refused direction when the PBX re-offers.
 */
export function negotiateHold(session: Session, hold: boolean): Promise<HoldOutcome> {
  const previous = session.sessionDescriptionHandlerOptionsReInvite as ProxySessionDescriptionHandlerOptions;
  const wasHeld = previous.hold ?? false;
  return new Promise<HoldOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: HoldOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.stateChange.removeListener(onState);
      if (outcome === 'refused') {
        session.sessionDescriptionHandlerOptionsReInvite = { ...previous, hold: wasHeld } as ProxySessionDescriptionHandlerOptions;
      }
      resolve(outcome);
    };
    const onState = (state: SessionState): void => {
      if (state === SessionState.Terminated) settle('refused');
    };
    const timer = setTimeout(() => settle('refused'), REINVITE_GIVE_UP_MS);
    (timer as { unref?: () => void }).unref?.();
    session.stateChange.addListener(onState);
    const options: ProxySessionDescriptionHandlerOptions = { hold };
    session
      .invite({
        sessionDescriptionHandlerOptions: options,
        requestDelegate: {
          onAccept: () => settle('accepted'),
          onReject: () => settle('refused'),
        },
      })
      .catch(() => settle('refused'));
  });
}
