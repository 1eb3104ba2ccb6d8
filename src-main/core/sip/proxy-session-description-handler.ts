import type {
  BodyAndContentType,
  Session,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
  SessionDescriptionHandlerModifier,
  SessionDescriptionHandlerOptions,
} from 'sip.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import type { MediaHostLink } from '../media/media-host-link.js';

const SDP = 'application/sdp';

/**
 * Options SIP.js passes through to our SDH (session.sessionDescriptionHandlerOptions and the
 * re-INVITE options). `hold` asks for a sendonly/inactive description; `iceRestart` for new ICE
 * credentials (also accepted in the shape SIP.js's web SDH uses, `offerOptions.iceRestart`).
 */
export interface ProxySessionDescriptionHandlerOptions extends SessionDescriptionHandlerOptions {
  hold?: boolean;
  iceRestart?: boolean;
  offerOptions?: { iceRestart?: boolean };
}

/**
 * A SIP.js SessionDescriptionHandler whose media lives elsewhere: every call is forwarded to
 * the media host over a MediaHostLink, keyed by this handler's `sdhId` (the host keeps one
 * RTCPeerConnection per id; early-media forks make several handlers per call).
 */
export class ProxySessionDescriptionHandler implements SessionDescriptionHandler {
  private closed = false;
  /** true once the media host has heard of this id: closing an unused handler costs nothing */
  private known = false;
  /** an offer of ours is outstanding, so the next remote description is its answer */
  private awaitingAnswer = false;

  constructor(
    readonly sdhId: string,
    private readonly link: MediaHostLink,
    private readonly logger: Logger,
    private readonly onClosed: (handler: ProxySessionDescriptionHandler) => void,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  async getDescription(
    options?: ProxySessionDescriptionHandlerOptions,
    modifiers?: Array<SessionDescriptionHandlerModifier>,
  ): Promise<BodyAndContentType> {
    this.assertOpen();
    this.known = true;
    const description = await this.link.request('media.getDescription', {
      sdhId: this.sdhId,
      hold: options?.hold ?? false,
      iceRestart: options?.iceRestart ?? options?.offerOptions?.iceRestart ?? false,
    });
    this.awaitingAnswer = description.type === 'offer';
    const modified = await applyModifiers({ type: description.type, sdp: description.sdp }, modifiers);
    return { body: modified.sdp ?? '', contentType: SDP };
  }

  hasDescription(contentType: string): boolean {
    return contentType === SDP;
  }

  async setDescription(
    sdp: string,
    options?: ProxySessionDescriptionHandlerOptions,
    modifiers?: Array<SessionDescriptionHandlerModifier>,
  ): Promise<void> {
    this.assertOpen();
    this.known = true;
    const type = this.awaitingAnswer ? 'answer' : 'offer';
    const modified = await applyModifiers({ type, sdp }, modifiers);
    await this.link.request('media.setDescription', {
      sdhId: this.sdhId,
      sdp: modified.sdp ?? sdp,
      hold: options?.hold ?? false,
    });
    this.awaitingAnswer = false;
  }

  /**
   * Undo our outstanding offer (or an applied remote offer) after a rejected re-INVITE or glare;
   * SIP.js's web handler lacks this and its peer connection stays wedged in have-local-offer.
   */
  async rollbackDescription(): Promise<void> {
    this.assertOpen();
    if (!this.known) return;
    await this.link.request('media.rollback', { sdhId: this.sdhId });
    this.awaitingAnswer = false;
  }

  /**
   * RFC 4733 tones through the media host. SIP.js wants a synchronous answer, so this says
   * whether the tones could be queued; `sendDtmfTones` gives the host's real answer.
   */
  sendDtmf(tones: string): boolean {
    if (this.closed || !this.known) return false;
    this.sendDtmfTones(tones).catch((error: unknown) =>
      this.logger.warn('DTMF failed', { sdhId: this.sdhId, error: errorMessage(error) }),
    );
    return true;
  }

  async sendDtmfTones(tones: string): Promise<boolean> {
    this.assertOpen();
    return this.link.request('media.sendDtmf', { sdhId: this.sdhId, tones });
  }

  async setMuted(muted: boolean): Promise<void> {
    this.assertOpen();
    if (!this.known) return;
    await this.link.request('media.setMuted', { sdhId: this.sdhId, muted });
  }

  /** Idempotent: SIP.js closes handlers from several places while a session ends. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClosed(this);
    if (!this.known) return;
    this.link.request('media.close', { sdhId: this.sdhId }).catch((error: unknown) =>
      this.logger.warn('media close failed', { sdhId: this.sdhId, error: errorMessage(error) }),
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`session description handler ${this.sdhId} is closed`);
  }
}

async function applyModifiers(
  description: RTCSessionDescriptionInit,
  modifiers: Array<SessionDescriptionHandlerModifier> | undefined,
): Promise<RTCSessionDescriptionInit> {
  let result = description;
  for (const modify of modifiers ?? []) result = await modify(result);
  return result;
}

/**
 * The factory handed to the SIP.js UserAgent. It tracks every open handler so that whoever
 * stops the account can release media even for sessions SIP.js never finished.
 */
export class ProxySessionDescriptionHandlerPool {
  private readonly open = new Map<string, ProxySessionDescriptionHandler>();
  private nextId = 1;

  constructor(
    private readonly link: MediaHostLink,
    private readonly logger: Logger,
    /** distinguishes handlers of successive accounts on the same media host */
    private readonly idPrefix: string,
  ) {}

  readonly factory: SessionDescriptionHandlerFactory = (_session: Session) => {
    const sdhId = `${this.idPrefix}-${this.nextId++}`;
    const handler = new ProxySessionDescriptionHandler(sdhId, this.link, this.logger, (closed) =>
      this.open.delete(closed.sdhId),
    );
    this.open.set(sdhId, handler);
    return handler;
  };

  get openCount(): number {
    return this.open.size;
  }

  closeAll(): void {
    for (const handler of [...this.open.values()]) handler.close();
  }
}
