/**
 * The back-to-back user agent: takes a caller's INVITE (digest-challenged with 407), routes it
 * within the caller's tenant or, for another tenant's company or direct number, as an outside call
 * to that tenant, and rings every registered device of every target ID at once.
 */
import { randomUUID } from 'node:crypto';
import { Call } from './call.js';
import { type CallEnding, type PbxCallRecord } from './call-record.js';
import { CalleeLeg, type CalleePresentation } from './callee-leg.js';
import { CallerLeg } from './caller-leg.js';
import { type LegContext } from './leg.js';
import { type SipAuthenticator } from '../auth/authenticator.js';
import { type PbxDirectory, type PbxIdentity } from '../directory.js';
import { describeError } from '../logger.js';
import { type MediaEngine } from '../media/media-engine.js';
import { type Binding } from '../registrar/binding-table.js';
import { type Registrar } from '../registrar/registrar.js';
import { CALLER_NUMBER_REQUEST_HEADER, decideCallerNumber, requestedCallerNumber } from '../routing/caller-number.js';
import { identitiesToRing, presentedCaller, routeCall, type RouteDecision } from '../routing/route-call.js';
import { contactUriOf, isSdp, type SipRequest } from '../sip/message.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';
import { type SipConnection } from '../transport/sip-connection.js';

export interface B2buaOptions {
  ctx: LegContext;
  directory: PbxDirectory;
  authenticator: SipAuthenticator;
  registrar: Registrar;
  media: MediaEngine;
  noAnswerTimeoutMs: number;
  /** told once per call when it ends (the call log); never changes how the call goes */
  onCallEnded?: (record: PbxCallRecord) => void;
  /** devices one call may ring at most (protects the server from a huge fan-out) */
  maxForkedLegs?: number;
  /** calls one connection may have going at once (a phone has a few lines; a bench client more) */
  maxCallsPerConnection?: number;
}

const DEFAULT_MAX_FORKED_LEGS = 32;
const DEFAULT_MAX_CALLS_PER_CONNECTION = 32;

export class B2bua {
  private readonly calls = new Set<Call>();
  private closing = false;

  constructor(private readonly options: B2buaOptions) {}

  get callCount(): number {
    return this.calls.size;
  }

  get legCount(): number {
    let legs = 0;
    for (const call of this.calls) legs += call.liveLegCount;
    return legs;
  }

  /** A new INVITE outside any dialog. */
  handleInvite(request: SipRequest, tx: ServerTransaction, connection: SipConnection): void {
    const { authenticator } = this.options;
    const { logger } = this.options.ctx;
    if (this.closing) {
      tx.respond({ status: 503 });
      return;
    }
    const auth = authenticator.authenticate(request, 'proxy', connection.peerAddress);
    if (auth.kind === 'challenge') {
      tx.respond(authenticator.challenge('proxy', auth.stale));
      return;
    }
    if (auth.kind === 'forbidden') {
      tx.respond({ status: 403 });
      return;
    }
    const caller = auth.identity;
    const callsHere = [...this.calls].filter((call) => call.callerConnection === connection).length;
    if (callsHere >= (this.options.maxCallsPerConnection ?? DEFAULT_MAX_CALLS_PER_CONNECTION)) {
      tx.respond({ status: 503, reason: 'Too Many Calls', headers: [['Retry-After', '10']] });
      return;
    }
    if (!contactUriOf(request.message)) {
      tx.respond({ status: 400, reason: 'Missing Contact' });
      return;
    }
    if (request.body.length > 0 && !isSdp(request.contentType, request.body)) {
      tx.respond({ status: 415, headers: [['Accept', 'application/sdp']] });
      return;
    }
    if (!isSdp(request.contentType, request.body)) {
      // We need the caller's offer: an offerless INVITE would need the answer in the ACK.
      tx.respond({ status: 488, headers: [['Warning', '399 plusphone "SDP offer required"']] });
      return;
    }
    tx.respond({ status: 100 });

    const { directory } = this.options;
    const tenant = directory.tenantDirectory(caller.tenantId);
    if (!tenant) {
      tx.respond({ status: 404 });
      return;
    }
    // This call's view of the caller: the defaults as the store has them now.
    const callerNow = tenant.identities.find((id) => id.idId === caller.idId) ?? caller;
    const callerNumber = decideCallerNumber(callerNow, tenant, requestedCallerNumber(request.header(CALLER_NUMBER_REQUEST_HEADER)));
    if (callerNumber.kind === 'forbidden') {
      logger.warn('caller number refused: not one the caller may use', { caller: caller.sipUser, requested: callerNumber.requested });
      tx.respond({ status: 403, reason: 'Caller Number Not Allowed' });
      return;
    }
    const decision = routeCall({
      caller: callerNow,
      tenant,
      dialled: String(request.uri.user ?? ''),
      numberOwner: (digits) => {
        const owner = directory.findNumberOwner(digits);
        return owner === undefined || owner === caller.tenantId ? undefined : directory.tenantDirectory(owner);
      },
    });
    if (decision.kind === 'notFound') {
      logger.info('call to an unknown number', { caller: caller.sipUser, dialled: decision.dialled });
      tx.respond({ status: 404 });
      return;
    }
    const shown = decision.scope === 'outside' ? callerNumber : presentedCaller(callerNow);
    const targets = identitiesToRing(decision, callerNow);
    const record = this.recorder(callerNow, decision, targets, shown);
    const bindings = targets
      .flatMap((identity) => this.options.registrar.contactsOf(identity.sipUser))
      .filter((binding) => binding.connection !== connection); // never ring the phone that is calling
    if (bindings.length === 0) {
      tx.respond({ status: 480 });
      const now = Date.now();
      record({ callId: randomUUID(), startedAt: now, endedAt: now, outcome: 'noAnswer', finalStatus: 480 });
      return;
    }
    const maxLegs = this.options.maxForkedLegs ?? DEFAULT_MAX_FORKED_LEGS;
    if (bindings.length > maxLegs) logger.warn('ring set larger than the fork limit', { devices: bindings.length, maxLegs });
    const presentation: CalleePresentation = {
      callerNumber: shown.number,
      callerDisplayName: shown.displayName,
      calledNumber: decision.dialled,
      calledLabel: decision.calledLabel,
    };
    this.startCall(request, tx, connection, bindings.slice(0, maxLegs), presentation, record);
  }

  /** End every call (callers not yet answered get 503) and wait until all legs have let go. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.calls].map((call) => call.dispose(503)));
  }

  /**
   * Completes a Call's ending with who called whom, for the onCallEnded listener (if any). An
   * internal call is one record. An outside call to another tenant is two, one per tenant, each
   * seeing only its own side: the caller's tenant an outgoingOutside call (charged) without the
   * other tenant's IDs, the callee's tenant an incomingOutside call (free) from a number, with no
   * calling ID of its own. Their call ids differ (`…/in` for the incoming one): each is its own row.
   */
  private recorder(
    caller: PbxIdentity,
    decision: Exclude<RouteDecision, { kind: 'notFound' }>,
    targets: readonly PbxIdentity[],
    shown: { number: string; displayName: string },
  ): (ending: CallEnding) => void {
    const listener = this.options.onCallEnded;
    if (!listener) return () => undefined;
    const notify = (record: PbxCallRecord): void => {
      try {
        listener(record);
      } catch (error) {
        this.options.ctx.logger.error('call-ended listener failed', { error: describeError(error) });
      }
    };
    const companyNumber = decision.kind === 'ringSet' ? decision.companyNumber.number : undefined;
    return (ending) => {
      const common = { callerNumber: shown.number, callerDisplayName: shown.displayName, dialled: decision.dialled };
      const calleeSide = {
        companyNumber,
        calleeIdIds: targets.map((id) => id.idId),
        answeredByIdId: targets.find((id) => id.sipUser === ending.answeredBySipUser)?.idId,
      };
      if (decision.scope === 'internal') {
        notify({ ...ending, ...common, ...calleeSide, kind: 'internal', tenantId: caller.tenantId, callerIdId: caller.idId });
        return;
      }
      const { answeredBySipUser: _answeredBy, ...callerSideEnding } = ending;
      notify({ ...callerSideEnding, ...common, kind: 'outgoingOutside', tenantId: caller.tenantId, callerIdId: caller.idId, calleeIdIds: [] });
      notify({ ...ending, ...common, ...calleeSide, callId: `${ending.callId}/in`, kind: 'incomingOutside', tenantId: decision.calleeTenantId });
    };
  }

  private startCall(
    request: SipRequest,
    tx: ServerTransaction,
    connection: SipConnection,
    bindings: Binding[],
    presentation: CalleePresentation,
    record: (ending: CallEnding) => void,
  ): void {
    const { ctx, media } = this.options;
    const call = new Call({
      legs: {
        caller: (listener) => new CallerLeg({ ctx, connection, media: media.createLegMedia(), invite: request, tx, listener }),
        callees: (listener) =>
          bindings.map((binding) => new CalleeLeg({ ctx, binding, media: media.createLegMedia(), presentation, listener })),
      },
      noAnswerTimeoutMs: this.options.noAnswerTimeoutMs,
      logger: ctx.logger,
      summary: { from: presentation.callerNumber, to: presentation.calledNumber, devices: bindings.length },
      onFinished: (finished) => this.calls.delete(finished),
      onEnded: record,
    });
    this.calls.add(call);
    call.start();
  }
}
