import { z } from 'zod';
import { request } from '../define.js';

/**
 * Call control on lines that exist (issue 5 point 2). Every request acts on one line and is
 * refused with a Japanese `invalid-state` message when the line is not in a state it applies to;
 * a refusal by the PBX comes back as `unavailable` and the line stays as it was.
 *
 * - hold/resume: re-INVITE sendonly/sendrecv; resuming one call holds the one being talked on.
 * - mute: the microphone of that call only.
 * - dtmf: in the provisioned mode (SIP INFO application/dtmf-relay, or RFC 4733).
 * - transferBlind / transferAttended / park: REFER (attended: Refer-To with Replaces of
 *   `otherLineId`'s dialog). They resolve once the PBX accepted the REFER; the line then shows
 *   `transferring`/`parked` and ends with reason `transferred`/`parked`, or goes back to
 *   connected/held if the handover fails later.
 * - retrieve / pickup: new calls to the provisioned feature codes (slot code; `*8` or `**`+ext).
 * - phone.setDnd: do-not-disturb; new calls get 486 Busy Here (other devices of a ring set go
 *   on ringing), the snapshot shows `dnd`.
 */
const lineId = z.string().min(1).max(64);
const featureSlot = z.string().regex(/^[0-9*#]{1,8}$/, 'パーク番号が正しくありません');

/** Same rules as call.dial's target (digits and dial symbols, or a sip:/tel: URI). */
const transferTarget = z
  .string()
  .trim()
  .min(1, '転送先を入力してください')
  .max(64, '転送先が長すぎます')
  .regex(/^[0-9*#+\-\s()０-９＊＃＋ー－]+$|^(sip|tel):[^\s]+$/, '転送先に使えない文字があります');

export const callRequests = {
  'call.hold': request<null>()(z.object({ lineId })),
  'call.resume': request<null>()(z.object({ lineId })),
  'call.mute': request<null>()(z.object({ lineId, muted: z.boolean() })),
  'call.dtmf': request<null>()(
    z.object({ lineId, digits: z.string().regex(/^[0-9*#A-Da-d]{1,32}$/, '送れるのは 0-9 * # A-D です').transform((d) => d.toUpperCase()) }),
  ),
  'call.transferBlind': request<null>()(z.object({ lineId, target: transferTarget })),
  'call.transferAttended': request<null>()(z.object({ lineId, otherLineId: lineId })),
  'call.park': request<null>()(z.object({ lineId, slot: featureSlot.optional() })),
  'call.retrieve': request<{ lineId: string }>()(z.object({ slot: featureSlot })),
  'call.pickup': request<{ lineId: string }>()(
    z.object({ extension: z.string().regex(/^\d{2,6}$/, '内線番号が正しくありません').optional() }),
  ),
  'phone.setDnd': request<null>()(z.object({ on: z.boolean() })),
};
