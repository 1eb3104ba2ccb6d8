import { SessionState, type Session } from 'sip.js';
import type { LineEntry } from '../lines/line-registry.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import { realScheduler, type Scheduler } from '../provisioning/config-watcher.js';
import type { ProxySessionDescriptionHandlerOptions } from '../sip/proxy-session-description-handler.js';

export interface CallKeeperOptions {
  /** the account's live lines now */
  liveEntries: () => LineEntry[];
  now: () => number;
  logger: Logger;
  scheduler?: Scheduler;
  /** how long established calls wait for the connection to come back (default 15 s) */
  graceMs?: number;
  /** how long an ICE-restart re-INVITE may go unanswered (default 10 s) */
  reinviteTimeoutMs?: number;
}

/** A little longer than the PBX keeps a dropped leg (10 s), so the PBX decides, not a race. */
const DEFAULT_GRACE_MS = 15_000;
const DEFAULT_REINVITE_TIMEOUT_MS = 10_000;
/** The far end no longer knows the dialog (RFC 3261 §14.1: 481 and 408 end it). */
const DIALOG_GONE_STATUSES = new Set([408, 481]);

type RestartOutcome = 'restarted' | 'dialog-gone' | 'refused';

/**
 * Keeps established calls across a short loss of the SIP connection (issue 5 point 8).
 * - Connection lost: calls still being set up end at once as failed (their transactions died
 *   with the socket); established ones (connected, held, transferring, parked) are kept for a
 *   grace period, their media left running.
 * - Reconnected (new socket, registered again): every established call gets a re-INVITE with an
 *   ICE restart, so media finds the new path; if the far end no longer knows the dialog (481,
 *   408, no answer), the call ends as failed. A refused restart (e.g. 491 glare) keeps the call.
 * - Grace over without reconnecting: the kept calls end as failed and their media is released.
 */
export class CallKeeper {
  private graceTimer: unknown;
  private readonly scheduler: Scheduler;
  private disposed = false;

  constructor(private readonly options: CallKeeperOptions) {
    this.scheduler = options.scheduler ?? realScheduler;
  }

  connectionLost(): void {
    if (this.disposed) return;
    let kept = 0;
    for (const entry of this.options.liveEntries()) {
      if (entry.line.isEstablished) kept += 1;
      else this.endLine(entry, 'connection lost while the call was being set up');
    }
    if (kept > 0 && this.graceTimer === undefined) {
      this.options.logger.info('connection lost; keeping established calls', { calls: kept });
      this.graceTimer = this.scheduler.setTimeout(() => this.giveUp(), this.options.graceMs ?? DEFAULT_GRACE_MS);
    }
  }

  /** Registered again on a new connection: move each established call's media over. */
  async reconnected(): Promise<void> {
    if (this.disposed) return;
    this.clearGrace();
    const established = this.options.liveEntries().filter((entry) => entry.line.isEstablished);
    await Promise.all(established.map((entry) => this.restart(entry)));
  }

  /**
   * The media host was re-created (its renderer died): the calls' peer connections are gone. A
   * re-INVITE with a fresh offer from the new host (a new peer connection; the PBX's leg accepts
   * the new DTLS and ICE parameters) brings each established call's audio back, muted as before.
   */
  async mediaHostRestarted(): Promise<void> {
    if (this.disposed) return;
    const established = this.options.liveEntries().filter((entry) => entry.line.isEstablished);
    await Promise.all(
      established.map(async (entry) => {
        const outcome = await restartIce(entry.control.session, this.options.reinviteTimeoutMs ?? DEFAULT_REINVITE_TIMEOUT_MS);
        this.options.logger.info('renegotiated after the media host restarted', { lineId: entry.line.id, outcome });
        if (outcome === 'dialog-gone' && entry.line.isLive) this.endLine(entry, 'the far end no longer knows the call');
        else if (outcome === 'restarted' && entry.line.isMuted) await this.remute(entry);
      }),
    );
  }

  dispose(): void {
    this.disposed = true;
    this.clearGrace();
  }

  private async remute(entry: LineEntry): Promise<void> {
    const handler = entry.control.session.sessionDescriptionHandler as { setMuted?: (muted: boolean) => Promise<void> } | undefined;
    await handler?.setMuted?.(true).catch((error: unknown) => this.options.logger.warn('could not mute again after the media host restart', { error: errorMessage(error) }));
  }

  private async restart(entry: LineEntry): Promise<void> {
    const outcome = await restartIce(entry.control.session, this.options.reinviteTimeoutMs ?? DEFAULT_REINVITE_TIMEOUT_MS);
    this.options.logger.info('ICE restart after reconnect', { lineId: entry.line.id, outcome });
    if (outcome === 'dialog-gone' && entry.line.isLive) this.endLine(entry, 'the far end no longer knows the call');
  }

  private giveUp(): void {
    this.graceTimer = undefined;
    for (const entry of this.options.liveEntries()) {
      if (entry.line.isEstablished) this.endLine(entry, 'connection not back within the grace period');
    }
  }

  /** End the line as failed now and release its session and media; nothing waits on the network. */
  private endLine(entry: LineEntry, why: string): void {
    const { line, control } = entry;
    this.options.logger.info('ending call after connection loss', { lineId: line.id, why });
    control.expectEnd('failed');
    line.end('failed', this.options.now());
    const session = control.session;
    session.sessionDescriptionHandler?.close();
    // takes the session off the user agent; a BYE/CANCEL it tries may fail on a dead socket
    session.dispose().catch((error: unknown) => this.options.logger.debug('session dispose failed', { error: errorMessage(error) }));
  }

  private clearGrace(): void {
    if (this.graceTimer !== undefined) this.scheduler.clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
  }
}

/**
 * A re-INVITE whose offer has new ICE credentials (RFC 8839 §4.4.1.1), keeping the call's
 * hold state. SIP.js keeps the options of the last re-INVITE for the next ones, so ours are put
 * back afterwards: a later hold must not restart ICE again.
 */
export function restartIce(session: Session, timeoutMs: number): Promise<RestartOutcome> {
  if (session.state !== SessionState.Established) return Promise.resolve('refused');
  const previous = session.sessionDescriptionHandlerOptionsReInvite as ProxySessionDescriptionHandlerOptions;
  const options: ProxySessionDescriptionHandlerOptions = { ...previous, iceRestart: true, offerOptions: { iceRestart: true } };
  return new Promise<RestartOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: RestartOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.sessionDescriptionHandlerOptionsReInvite = previous;
      resolve(outcome);
    };
    const timer = setTimeout(() => settle('dialog-gone'), timeoutMs);
    (timer as { unref?: () => void }).unref?.();
    session
      .invite({
        sessionDescriptionHandlerOptions: options,
        requestDelegate: {
          onAccept: () => settle('restarted'),
          onReject: (response) => settle(DIALOG_GONE_STATUSES.has(response.message.statusCode ?? 0) ? 'dialog-gone' : 'refused'),
        },
      })
      .catch(() => settle('refused'));
  });
}
