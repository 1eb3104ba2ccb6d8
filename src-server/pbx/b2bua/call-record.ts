/**
 * What the PBX tells the server about each call once it has ended: the facts a call log (CDR)
 * needs, nothing about SIP or media. Emitted exactly once per call, also for a call that never
 * rang anybody (the callee had no registered device). Times are wall-clock epoch milliseconds.
 */
export type PbxCallOutcome = 'answered' | 'noAnswer' | 'rejected' | 'busy' | 'cancelled' | 'failed';

/** How a Call ended, as the Call itself knows it (b2bua.ts adds who was involved). */
export interface CallEnding {
  callId: string;
  startedAt: number;
  /** set only when the call was answered and its audio connected */
  answeredAt?: number;
  endedAt: number;
  outcome: PbxCallOutcome;
  /** the final SIP status the caller got (or would have got) when the call was not answered */
  finalStatus?: number;
  /** the SIP user (direct number) of the device that answered */
  answeredBySipUser?: string;
}

/**
 * internal: ID to ID inside the tenant. outgoingOutside / incomingOutside: an outside call as the
 * calling / the called tenant sees it; a call between two tenants of this server is reported once
 * for each (the PSTN gateway of issue 4 will report one side).
 */
export type PbxCallKind = 'internal' | 'outgoingOutside' | 'incomingOutside';

export interface PbxCallRecord extends CallEnding {
  kind: PbxCallKind;
  tenantId: number;
  /** the ID that placed the call (undefined for a caller from outside this tenant) */
  callerIdId?: number;
  /** the number the called party was shown (an extension for internal calls, the caller number outside) */
  callerNumber: string;
  callerDisplayName: string;
  /** the dialled number as routed (digits, or an extension) */
  dialled: string;
  /** the company number the call was for, when it rang a ring set */
  companyNumber?: string;
  /** every ID that was rung */
  calleeIdIds: number[];
  answeredByIdId?: number;
}

/**
 * The outcome of a call that was not answered, from the final status its caller got:
 * 487 = the caller gave up; 486/600 busy; 603 declined; 480/408 nobody answered; the rest failed.
 */
export function unansweredOutcome(finalStatus: number): Exclude<PbxCallOutcome, 'answered'> {
  if (finalStatus === 487) return 'cancelled';
  if (finalStatus === 486 || finalStatus === 600) return 'busy';
  if (finalStatus === 603) return 'rejected';
  if (finalStatus === 480 || finalStatus === 408) return 'noAnswer';
  return 'failed';
}
