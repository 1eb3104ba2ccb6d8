import type { Session } from 'sip.js';
import { ProxySessionDescriptionHandler } from './proxy-session-description-handler.js';

export type DtmfMode = 'info' | 'rfc4733';

/** Tone length announced in SIP INFO (and what RFC 4733 senders use by default). */
export const DTMF_DURATION_MS = 160;

/**
 * Send DTMF digits on an established call in the provisioned mode:
 * - `info`: one SIP INFO per digit, `application/dtmf-relay` (`Signal=` / `Duration=`), each
 *   waiting for its 2xx so the digits arrive in order; resolves false when one is refused.
 * - `rfc4733`: telephone-event packets from the media host's RTCDTMFSender.
 */
export async function sendDtmf(session: Session, digits: string, mode: DtmfMode): Promise<boolean> {
  if (mode === 'rfc4733') {
    const handler = session.sessionDescriptionHandler;
    if (!(handler instanceof ProxySessionDescriptionHandler)) return false;
    return handler.sendDtmfTones(digits);
  }
  for (const digit of digits) {
    if (!(await sendInfoDigit(session, digit))) return false;
  }
  return true;
}

function sendInfoDigit(session: Session, digit: string): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    session
      .info({
        requestOptions: {
          body: {
            contentDisposition: 'render',
            contentType: 'application/dtmf-relay',
            content: `Signal=${digit}\r\nDuration=${DTMF_DURATION_MS}\r\n`,
          },
        },
        requestDelegate: {
          onAccept: () => resolve(true),
          onReject: () => resolve(false),
        },
      })
      .catch(() => resolve(false));
  });
}
