/**
 * The implicit subscription a REFER creates (RFC 3515 §2.4.4): NOTIFYs in the referrer's dialog
 * telling how the referred call is going, as `message/sipfrag` status lines ("SIP/2.0 180 Ringing").
 * A 1xx keeps the subscription active; the first final status (2xx–6xx) terminates it with
 * `reason=noresource` and nothing is sent after that. Used by transfer and park.
 *
 * Usage: answer the REFER 202, then `const n = new ReferNotifier(party, { referCseq })`,
 * `n.report(100)` at once, `n.report(180)` while ringing, `n.report(200)` or the failure status.
 */
import { type HeaderList } from '../sip/headers.js';
import { reasonPhrase } from '../sip/reason-phrases.js';
import { type MessageBody } from '../sip/serialize.js';

/** Whoever can send a request in the referrer's dialog (a Party of a SIP leg). */
export interface InDialogRequester {
  /** may resolve with the final response: an error status ends the subscription (RFC 6665 §4.1.2.2) */
  sendInDialog(method: string, headers: HeaderList, body?: MessageBody): Promise<{ status: number } | undefined> | void;
}

export interface ReferNotifierOptions {
  /** the REFER's CSeq number: every NOTIFY names it as `Event: refer;id=` (RFC 3515 §2.4.6) */
  referCseq: number;
  /** how long the subscription lasts at most; default 60 s */
  expiresSeconds?: number;
  /** the PBX's Contact URI (RFC 6665 §4.1.2.3: a NOTIFY carries one) */
  contactUri?: string;
  /** told when a NOTIFY fails (the referrer's leg is gone, or it answered ≥ 300): nothing more is sent */
  onSendFailed?: (error: unknown) => void;
}

export const SIPFRAG_CONTENT_TYPE = 'message/sipfrag;version=2.0';
const DEFAULT_EXPIRES_SECONDS = 60;
const MAX_REASON_LENGTH = 64;

export class ReferNotifier {
  private terminated = false;
  private failed = false;
  private lastReported: number | undefined;
  private readonly expiresAt: number;

  constructor(
    private readonly dialog: InDialogRequester,
    private readonly options: ReferNotifierOptions,
  ) {
    this.expiresAt = Date.now() + (options.expiresSeconds ?? DEFAULT_EXPIRES_SECONDS) * 1000;
  }

  get isTerminated(): boolean {
    return this.terminated;
  }

  /** the last status sent, if any */
  get lastStatus(): number | undefined {
    return this.lastReported;
  }

  /**
   * Tell the referrer about the referred call. A 1xx equal to the last one is not repeated (a call
   * ringing on several devices rings once); anything after the final status is ignored.
   * `reason` (e.g. a remote party's Reason-Phrase) is cleaned; default is the standard phrase.
   */
  report(status: number, reason?: string): void {
    if (this.terminated || !Number.isInteger(status) || status < 100 || status > 699) return;
    const final = status >= 200;
    if (!final && status === this.lastReported) return;
    this.lastReported = status;
    if (final) this.terminated = true;
    const remaining = Math.max(1, Math.ceil((this.expiresAt - Date.now()) / 1000));
    const headers: Array<[string, string]> = [
      ['Event', `refer;id=${this.options.referCseq}`],
      ['Subscription-State', final ? 'terminated;reason=noresource' : `active;expires=${remaining}`],
    ];
    if (this.options.contactUri) headers.push(['Contact', `<${this.options.contactUri}>`]);
    try {
      const sent = this.dialog.sendInDialog('NOTIFY', headers, { contentType: SIPFRAG_CONTENT_TYPE, content: sipfrag(status, reason) });
      sent?.then(
        (response) => {
          if (response && response.status >= 300) this.fail(new Error(`NOTIFY answered ${response.status}`));
        },
        (error: unknown) => this.fail(error),
      );
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    const first = !this.failed;
    this.failed = true;
    this.terminated = true;
    if (first) this.options.onSendFailed?.(error);
  }
}

/** RFC 3420 message/sipfrag with just a status line. */
export function sipfrag(status: number, reason?: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = (reason ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, MAX_REASON_LENGTH);
  return `SIP/2.0 ${status} ${clean || reasonPhrase(status)}\r\n`;
}
