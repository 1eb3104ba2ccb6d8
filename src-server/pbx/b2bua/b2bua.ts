/**
 * The back-to-back user agent: takes a caller's INVITE (digest-challenged with 407), routes it
 * within the caller's tenant or, for another tenant's company or direct number, as an outside call
 * to that tenant, and rings every registered device of every target ID at once.
 */
import { randomUUID } from 'node:crypto';
import { Call } from './call.js';
import { type CallEnding, type PbxCallRecord } from './call-record.js';
import { CalleeLeg, type CalleeLegListener, type CalleePresentation } from './callee-leg.js';
import { type CalleeSide } from './callee-side.js';
import { CallerLeg, type CallerLegListener } from './caller-leg.js';
import { type CallerSide } from './caller-side.js';
import { type LegContext } from './leg.js';
import { type SipAuthenticator } from '../auth/authenticator.js';
import { ChannelTracker } from '../channels/channel-tracker.js';
import { type PbxDirectory, type PbxIdentity } from '../directory.js';
import { describeError } from '../logger.js';
import { type MediaEngine } from '../media/media-engine.js';
import { type Registrar } from '../registrar/registrar.js';
import { CALLER_NUMBER_REQUEST_HEADER, decideCallerNumber, requestedCallerNumber } from '../routing/caller-number.js';
import { PstnEndpoint, type FarEndBehaviour, type PstnEndpointTiming } from '../pstn/pstn-endpoint.js';
import { PstnCaller } from '../pstn/pstn-caller.js';
import { pstnBehaviour } from '../pstn/pstn-numbers.js';
import { normalizeDialled } from '../routing/dialled-number.js';
import { identitiesToRing, presentedCaller, routeCall, routeFromOutside, type RouteDecision } from '../routing/route-call.js';
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
  /** when the PSTN simulator rings and answers (tests shorten it) */
  pstnTiming?: PstnEndpointTiming;
}

/** 486 for an outgoing outside call when every channel of the caller's tenant is in use. */
const ALL_CHANNELS_BUSY = {
  status: 486,
  reason: 'All Channels Busy',
  headers: [
    ['Reason', 'SIP;cause=486;text="All channels busy"'],
    ['Warning', '399 plusphone "All channels of the tenant are in use"'],
  ] as Array<[string, string]>,
};

const DEFAULT_MAX_FORKED_LEGS = 32;
const DEFAULT_MAX_CALLS_PER_CONNECTION = 32;

export class B2bua {
  private readonly calls = new Set<Call>();
  private closing = false;
  /** outside calls in use per tenant (DESIGN.md §2 channels) */
  readonly channels = new ChannelTracker();

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
      pstn: pstnBehaviour,
    });
    if (decision.kind === 'notFound') {
      logger.info('call to an unknown number', { caller: caller.sipUser, dialled: decision.dialled });
      tx.respond({ status: 404 });
      return;
    }
    const shown = decision.scope === 'outside' ? callerNumber : presentedCaller(callerNow);
    const targets = identitiesToRing(decision, callerNow);
    const record = this.recorder(callerNow, decision, targets, shown);
    const presentation: CalleePresentation = {
      callerNumber: shown.number,
      callerDisplayName: shown.displayName,
      calledNumber: decision.dialled,
      calledLabel: decision.calledLabel,
    };
    // Channels: an outside call holds one of the caller's tenant (and one of the called tenant's)
    // until it ends, however it ends. Internal calls hold none.
    const deviceCaller = (listener: CallerLegListener): CallerSide =>
      new CallerLeg({ ctx: this.options.ctx, connection, media: this.options.media.createLegMedia(), invite: request, tx, listener });
    const releases: Array<() => void> = [];
    const releaseChannels = (): void => releases.splice(0).forEach((release) => release());
    const recordAndRelease = (ending: CallEnding): void => {
      releaseChannels();
      record(ending);
    };
    if (decision.scope === 'outside') {
      const release = this.channels.tryAcquire(callerNow.tenantId, tenant.identities.length);
      if (!release) {
        logger.info('outgoing outside call refused: all channels in use', { caller: caller.sipUser, dialled: decision.dialled });
        tx.respond(ALL_CHANNELS_BUSY);
        const now = Date.now();
        record({ callId: randomUUID(), startedAt: now, endedAt: now, outcome: 'busy', finalStatus: 486 });
        return;
      }
      releases.push(release);
    }
    if (decision.kind === 'pstn') {
      this.startCall(deviceCaller, this.farEnd(decision.behaviour), 1, presentation, recordAndRelease);
      return;
    }
    if (decision.scope === 'outside') {
      const calleeTenant = directory.tenantDirectory(decision.calleeTenantId);
      const release = this.channels.tryAcquire(decision.calleeTenantId, calleeTenant?.identities.length ?? 0);
      if (!release) {
        logger.info('incoming outside call gets the busy message: all channels in use', { tenant: decision.calleeTenantId });
        // Both sides log it as busy: the caller reached an announcement, not the tenant.
        const asBusy = ({ callId, startedAt, endedAt }: CallEnding): void =>
          recordAndRelease({ callId, startedAt, endedAt, outcome: 'busy', finalStatus: 486 });
        this.startCall(deviceCaller, this.farEnd({ kind: 'busyMessage' }), 1, presentation, asBusy);
        return;
      }
      releases.push(release);
    }
    const bindings = targets
      .flatMap((identity) => this.options.registrar.contactsOf(identity.sipUser))
      .filter((binding) => binding.connection !== connection); // never ring the phone that is calling
    if (bindings.length === 0) {
      releaseChannels();
      tx.respond({ status: 480 });
      const now = Date.now();
      record({ callId: randomUUID(), startedAt: now, endedAt: now, outcome: 'noAnswer', finalStatus: 480 });
      return;
    }
    const maxLegs = this.options.maxForkedLegs ?? DEFAULT_MAX_FORKED_LEGS;
    if (bindings.length > maxLegs) logger.warn('ring set larger than the fork limit', { devices: bindings.length, maxLegs });
    const { ctx, media } = this.options;
    const ringing = bindings.slice(0, maxLegs);
    const devices = (listener: CalleeLegListener): CalleeSide[] =>
      ringing.map((binding) => new CalleeLeg({ ctx, binding, media: media.createLegMedia(), presentation, listener }));
    this.startCall(deviceCaller, devices, ringing.length, presentation, recordAndRelease);
  }

  /**
   * An inbound outside call from the PSTN simulator's caller (admin API, `npm run server -- call`)
   * to a tenant's company or direct number. Returns what the caller got at once: 180 (ringing), or
   * 404 (no such number), 480 (no device registered), 486 (every channel of the tenant in use).
   */
  placeInboundCall(fromRaw: string, toRaw: string): { status: number; reason: string } {
    const { directory, ctx } = this.options;
    const from = normalizeDialled(fromRaw);
    const dialled = normalizeDialled(toRaw);
    const ownerId = dialled === undefined ? undefined : directory.findNumberOwner(dialled);
    const owner = ownerId === undefined ? undefined : directory.tenantDirectory(ownerId);
    const decision = owner && dialled ? routeFromOutside(owner, dialled) : undefined;
    if (this.closing || !from || !owner || !decision) return { status: 404, reason: 'Not Found' };
    const targets = decision.kind === 'identity' ? [decision.target] : decision.targets;
    const bindings = targets.flatMap((identity) => this.options.registrar.contactsOf(identity.sipUser));
    if (bindings.length === 0) return { status: 480, reason: 'Temporarily Unavailable' };
    const release = this.channels.tryAcquire(owner.tenantId, owner.identities.length);
    if (!release) return { status: 486, reason: 'All Channels Busy' };
    const presentation: CalleePresentation = { callerNumber: from, callerDisplayName: '', calledNumber: dialled!, calledLabel: decision.calledLabel };
    const listener = this.options.onCallEnded;
    const record = (ending: CallEnding): void => {
      release();
      listener?.({
        ...ending,
        kind: 'incomingOutside',
        tenantId: owner.tenantId,
        callerNumber: from,
        callerDisplayName: '',
        dialled: decision.dialled,
        companyNumber: decision.kind === 'ringSet' ? decision.companyNumber.number : undefined,
        calleeIdIds: targets.map((id) => id.idId),
        answeredByIdId: targets.find((id) => id.sipUser === ending.answeredBySipUser)?.idId,
      });
    };
    const maxLegs = this.options.maxForkedLegs ?? DEFAULT_MAX_FORKED_LEGS;
    const ringing = bindings.slice(0, maxLegs);
    const devices = (l: CalleeLegListener): CalleeSide[] =>
      ringing.map((binding) => new CalleeLeg({ ctx, binding, media: this.options.media.createLegMedia(), presentation, listener: l }));
    ctx.logger.info('simulated inbound call', { from, to: dialled, devices: ringing.length });
    this.startCall((l) => new PstnCaller(l), devices, ringing.length, presentation, record);
    return { status: 180, reason: 'Ringing' };
  }

  private farEnd(behaviour: FarEndBehaviour): (listener: CalleeLegListener) => CalleeSide[] {
    return (listener) => [new PstnEndpoint(behaviour, listener, this.options.pstnTiming)];
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
      if (decision.kind === 'pstn') return; // the simulator is nobody's tenant
      notify({ ...ending, ...common, ...calleeSide, callId: `${ending.callId}/in`, kind: 'incomingOutside', tenantId: decision.calleeTenantId });
    };
  }

  private startCall(
    caller: (listener: CallerLegListener) => CallerSide,
    callees: (listener: CalleeLegListener) => CalleeSide[],
    devices: number,
    presentation: CalleePresentation,
    record: (ending: CallEnding) => void,
  ): void {
    const { ctx } = this.options;
    const call = new Call({
      legs: {
        caller,
        callees,
      },
      noAnswerTimeoutMs: this.options.noAnswerTimeoutMs,
      logger: ctx.logger,
      summary: { from: presentation.callerNumber, to: presentation.calledNumber, devices },
      onFinished: (finished) => this.calls.delete(finished),
      onEnded: record,
    });
    this.calls.add(call);
    call.start();
  }
}
