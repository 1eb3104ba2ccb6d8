import type { URI } from 'sip.js';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import type { SoftphoneConfig } from '../../../src-shared/provisioning/softphone-config.js';
import { resolveDialTarget } from '../dial/dial-target.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import { ProxySessionDescriptionHandler } from '../sip/proxy-session-description-handler.js';
import { sendDtmf } from '../sip/dtmf-sender.js';
import { negotiateHold } from '../sip/hold-negotiation.js';
import { referHandover } from '../sip/refer-handover.js';
import type { LineEntry, LineRegistry } from './line-registry.js';

export interface CallActionsOptions {
  lines: LineRegistry;
  /** the provisioned config in force (feature codes and DTMF mode may change while logged in) */
  config: () => SoftphoneConfig;
  domain: string;
  now: () => number;
  logger: Logger;
  /** place a new call the way call.dial does (caller number: the default) */
  dial: (target: string) => { lineId: string };
}

/**
 * What the user can do with calls that are already there: hold and resume (re-INVITE), mute,
 * DTMF, blind and attended transfer, park (REFER), and the feature-code calls retrieve and
 * pickup. Each checks the line's state first and refuses with a Japanese ContractFailure;
 * SIP.js errors never cross the contract.
 */
export class CallActions {
  /** lines with a re-INVITE or REFER of ours in flight: one at a time per line */
  private readonly busy = new Set<string>();
  /** media refresh re-INVITEs waiting to go out after a refused hold (see scheduleMediaRefresh) */
  private readonly refreshTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly options: CallActionsOptions) {}

  async hold(lineId: string): Promise<void> {
    const entry = this.options.lines.require(lineId);
    const { line } = entry;
    if (line.state === 'held') throw new ContractFailure('invalid-state', 'この通話はすでに保留中です');
    if (line.state !== 'connected') throw new ContractFailure('invalid-state', '通話中ではないため保留できません');
    this.cancelMediaRefresh(lineId);
    await this.exclusive(lineId, async () => {
      const outcome = await negotiateHold(entry.control.session, true);
      if (outcome === 'accepted') {
        line.markHeld(this.options.now());
        return;
      }
      this.options.logger.info('hold refused; the call goes on unheld', { lineId });
      this.scheduleMediaRefresh(entry);
      throw new ContractFailure('unavailable', '保留できませんでした。通話はそのまま続いています');
    });
  }

  async resume(lineId: string): Promise<void> {
    const entry = this.options.lines.require(lineId);
    if (entry.line.state !== 'held') throw new ContractFailure('invalid-state', 'この通話は保留中ではありません');
    this.cancelMediaRefresh(lineId);
    // taking one call off hold puts the one we were talking on on hold (switching calls)
    await this.holdOthers(lineId);
    await this.exclusive(lineId, async () => {
      const outcome = await negotiateHold(entry.control.session, false);
      if (outcome === 'accepted') {
        entry.line.markResumed(this.options.now());
        return;
      }
      this.options.logger.info('resume refused; the call stays on hold', { lineId });
      throw new ContractFailure('unavailable', '保留を解除できませんでした。もう一度お試しください');
    });
  }

  /** Hold every connected line but `exceptLineId` (answering or resuming another). Never rejects. */
  async holdOthers(exceptLineId: string): Promise<void> {
    const others = this.options.lines.liveEntries().filter((e) => e.line.id !== exceptLineId && e.line.state === 'connected');
    await Promise.all(
      others.map((other) =>
        this.hold(other.line.id).catch((error: unknown) => {
          // the new call still goes ahead: losing it would be worse than two open calls
          this.options.logger.warn('could not hold the other call', { lineId: other.line.id, error: errorMessage(error) });
        }),
      ),
    );
  }

  async setMuted(lineId: string, muted: boolean): Promise<void> {
    const { line, control } = this.options.lines.require(lineId);
    if (!line.isEstablished) throw new ContractFailure('invalid-state', '通話中ではないためミュートできません');
    const handler = control.session.sessionDescriptionHandler;
    if (!(handler instanceof ProxySessionDescriptionHandler)) {
      throw new ContractFailure('unavailable', 'ミュートを切り替えられませんでした');
    }
    try {
      await handler.setMuted(muted);
    } catch (error) {
      this.options.logger.warn('mute failed', { lineId, error: errorMessage(error) });
      throw new ContractFailure('unavailable', 'ミュートを切り替えられませんでした');
    }
    line.setMuted(muted);
  }

  async dtmf(lineId: string, digits: string): Promise<void> {
    const { line, control } = this.options.lines.require(lineId);
    if (line.state === 'held') throw new ContractFailure('invalid-state', '保留中はダイヤル信号を送れません');
    if (line.state !== 'connected') throw new ContractFailure('invalid-state', '通話中ではないためダイヤル信号を送れません');
    let sent = false;
    try {
      sent = await sendDtmf(control.session, digits, this.options.config().dtmfMode);
    } catch (error) {
      this.options.logger.warn('DTMF failed', { lineId, error: errorMessage(error) });
    }
    if (!sent) throw new ContractFailure('unavailable', 'ダイヤル信号を送れませんでした');
  }

  /** Blind transfer: REFER the other party to `target` (RFC 5589 §6). */
  async transferBlind(lineId: string, target: string): Promise<void> {
    const entry = this.requireHandoverable(lineId, '転送');
    const { uri } = resolveDialTarget(target, this.options.domain);
    await this.handOver(entry, uri, 'transferring', '転送できませんでした');
  }

  /**
   * Attended transfer: the other party of `lineId` is joined with the party of `otherLineId`
   * (REFER on `lineId` whose Refer-To carries Replaces of the other dialog, RFC 5589 §7).
   */
  async transferAttended(lineId: string, otherLineId: string): Promise<void> {
    if (lineId === otherLineId) throw new ContractFailure('invalid-argument', '同じ通話どうしは転送できません');
    const entry = this.requireHandoverable(lineId, '転送');
    const other = this.options.lines.require(otherLineId);
    if (other.line.state !== 'connected' && other.line.state !== 'held') {
      throw new ContractFailure('invalid-state', '転送先の通話がつながっていません');
    }
    await this.handOver(entry, other.control.session, 'transferring', '転送できませんでした', other);
  }

  /** Park: REFER to the park code (any free slot) or a chosen slot's code. */
  async park(lineId: string, slot: string | undefined): Promise<void> {
    const codes = this.options.config().featureCodes;
    if (slot !== undefined && !codes.parkSlots.includes(slot)) {
      throw new ContractFailure('invalid-argument', 'そのパーク番号は使えません');
    }
    const code = slot ?? codes.park;
    if (!code) throw new ContractFailure('unavailable', 'パーク機能が設定されていません');
    const entry = this.requireHandoverable(lineId, 'パーク');
    const { uri } = resolveDialTarget(code, this.options.domain);
    await this.handOver(entry, uri, 'parked', 'パークできませんでした');
  }

  /** Retrieve a parked call: dial the slot's code. */
  retrieve(slot: string): { lineId: string } {
    if (!this.options.config().featureCodes.parkSlots.includes(slot)) {
      throw new ContractFailure('invalid-argument', 'そのパーク番号は使えません');
    }
    return this.options.dial(slot);
  }

  /** Group pickup (`*8`) or directed pickup (`**` + extension) of a call ringing elsewhere. */
  pickup(extension: string | undefined): { lineId: string } {
    const codes = this.options.config().featureCodes;
    const code = extension === undefined ? codes.groupPickup : codes.directedPickupPrefix && `${codes.directedPickupPrefix}${extension}`;
    if (!code) throw new ContractFailure('unavailable', 'ピックアップ機能が設定されていません');
    return this.options.dial(code);
  }

  /** Forget pending timers (the account is closing). */
  dispose(): void {
    for (const timer of this.refreshTimers.values()) clearTimeout(timer);
    this.refreshTimers.clear();
  }

  /**
   * After a refused hold the offer was rolled back, but some WebRTC stacks (libwebrtc in
   * @roamhq/wrtc, at least) stop receiving once a sendonly offer was applied locally, rollback
   * or not. A sendrecv re-INVITE a moment later (RFC 3261 §14.1 waits before retrying after 491)
   * renegotiates the media as it was, whatever the stack; the line never changes state for it.
   */
  private scheduleMediaRefresh(entry: LineEntry): void {
    const lineId = entry.line.id;
    this.cancelMediaRefresh(lineId);
    const timer = setTimeout(() => {
      this.refreshTimers.delete(lineId);
      if (entry.line.state !== 'connected' || this.busy.has(lineId)) return;
      this.exclusive(lineId, async () => {
        const outcome = await negotiateHold(entry.control.session, false);
        this.options.logger.info('media refresh after refused hold', { lineId, outcome });
      }).catch(() => undefined);
    }, 500 + Math.random() * 1_500);
    (timer as { unref?: () => void }).unref?.();
    this.refreshTimers.set(lineId, timer);
  }

  private cancelMediaRefresh(lineId: string): void {
    const timer = this.refreshTimers.get(lineId);
    if (timer !== undefined) clearTimeout(timer);
    this.refreshTimers.delete(lineId);
  }

  private requireHandoverable(lineId: string, action: '転送' | 'パーク'): LineEntry {
    const entry = this.options.lines.require(lineId);
    if (entry.line.state !== 'connected' && entry.line.state !== 'held') {
      throw new ContractFailure('invalid-state', `通話中ではないため${action}できません`);
    }
    return entry;
  }

  /**
   * Send the REFER. A transfer resolves once the PBX accepted it (202) — the rest (NOTIFY, BYE)
   * shows in the line; a park waits for the final NOTIFY (a taken slot fails at once). Refused:
   * rejects. A later failure puts the line back as it was (connected or held).
   */
  private async handOver(
    entry: LineEntry,
    target: URI | LineEntry['control']['session'],
    kind: 'transferring' | 'parked',
    failureMessage: string,
    partner?: LineEntry,
  ): Promise<void> {
    const { line, control } = entry;
    const involved = partner ? [entry, partner] : [entry];
    const endReason = kind === 'parked' ? 'parked' : 'transferred';
    await this.exclusive(line.id, async () => {
      const at = this.options.now();
      for (const each of involved) each.line.markHandingOver(kind, at);
      const accepted = await new Promise<boolean>((resolve) => {
        referHandover(control.session, target, {
          onAccepted: () => {
            // from now on the PBX may end our dialogs: that is the handover, not a hang-up
            for (const each of involved) each.control.expectEnd(endReason);
            // a park is settled at once (slot taken or not); a transfer may ring for long
            if (kind !== 'parked') resolve(true);
          },
        })
          .then((outcome) => {
            if (outcome === 'succeeded') {
              // RFC 5589: the transferor ends its dialogs (the PBX may have done so already)
              for (const each of involved) if (each.line.isLive) each.control.hangup().catch(() => undefined);
            } else {
              const failedAt = this.options.now();
              for (const each of involved) {
                each.control.expectEnd(undefined);
                each.line.handoverFailed(failedAt);
              }
            }
            resolve(outcome === 'succeeded');
          })
          .catch(() => resolve(false));
      });
      if (!accepted) throw new ContractFailure('unavailable', failureMessage);
    });
  }

  private async exclusive(lineId: string, action: () => Promise<void>): Promise<void> {
    if (this.busy.has(lineId)) throw new ContractFailure('invalid-state', 'この通話は別の操作の途中です');
    this.busy.add(lineId);
    try {
      // a hold pressed the instant a call was answered must not cross the ACK of our 200 OK
      await this.options.lines.require(lineId).control.readyForReinvite();
      await action();
    } finally {
      this.busy.delete(lineId);
    }
  }
}
