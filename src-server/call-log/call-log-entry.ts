import { priceCall, type CallCharge, type TerminalKind } from '../../src-shared/domain/call-charge.js';
import type { PbxCallKind, PbxCallOutcome, PbxCallRecord } from '../pbx/index.js';

/**
 * One row of the call log (CDR) as it is stored: who called whom, when, how it ended, how long
 * it was connected and what it cost. Built from the PBX's report by a pure function, so the
 * charge rules are tested without a call.
 */
export type CallLogKind = PbxCallKind;
export type CallLogResult = PbxCallOutcome;

export const CALL_LOG_KINDS: readonly CallLogKind[] = ['internal', 'outgoingOutside', 'incomingOutside'];

export interface NewCallLogEntry {
  pbxCallId: string;
  tenantId: number;
  kind: CallLogKind;
  callerIdId: number | null;
  callerNumber: string;
  callerName: string;
  dialledNumber: string;
  companyNumber: string | null;
  calleeIdIds: number[];
  answeredByIdId: number | null;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
  result: CallLogResult;
  durationSeconds: number;
  callerTerminal: TerminalKind | null;
  /** tenths of a yen (17.5円 = 175); null when the destination is not in the rate table */
  chargeTenthsYen: number | null;
  chargeRate: string | null;
}

/**
 * Connected time in whole seconds, answer to hang-up. A started second counts (rounded up), in
 * the same spirit as the charge's started units; an unanswered call lasts 0 s.
 */
export function connectedSeconds(answeredAt: number | undefined, endedAt: number): number {
  if (answeredAt === undefined) return 0;
  return Math.max(0, Math.ceil((endedAt - answeredAt) / 1000));
}

/**
 * The charge of a call to the tenant: only the calls it places to outside numbers cost money
 * (DESIGN.md §2: internal calls are free; an incoming call is paid by whoever placed it).
 * `terminal` is the calling ID's device kind; it is unknown only if that ID was deleted during
 * the call, and then the desk-terminal rate applies.
 */
export function chargeOf(kind: CallLogKind, dialled: string, durationSeconds: number, terminal: TerminalKind | null): CallCharge {
  const destination = kind === 'outgoingOutside' ? dialled : { class: 'internal' as const };
  return priceCall({ destination, durationSeconds, terminal: terminal ?? 'softphone' });
}

export function callLogEntryOf(record: PbxCallRecord, callerTerminal: TerminalKind | null): NewCallLogEntry {
  const durationSeconds = record.outcome === 'answered' ? connectedSeconds(record.answeredAt ?? record.endedAt, record.endedAt) : 0;
  const charge = chargeOf(record.kind, record.dialled, durationSeconds, callerTerminal);
  return {
    pbxCallId: record.callId,
    tenantId: record.tenantId,
    kind: record.kind,
    callerIdId: record.callerIdId ?? null,
    callerNumber: record.callerNumber,
    callerName: record.callerDisplayName,
    dialledNumber: record.dialled,
    companyNumber: record.companyNumber ?? null,
    calleeIdIds: [...record.calleeIdIds],
    answeredByIdId: record.answeredByIdId ?? null,
    startedAt: record.startedAt,
    answeredAt: record.outcome === 'answered' ? (record.answeredAt ?? record.endedAt) : null,
    endedAt: Math.max(record.endedAt, record.startedAt),
    result: record.outcome,
    durationSeconds,
    callerTerminal,
    chargeTenthsYen: charge.priced ? Math.round(charge.yen * 10) : null,
    chargeRate: charge.priced ? charge.rate : null,
  };
}
