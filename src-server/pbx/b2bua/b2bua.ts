/**
 * The back-to-back user agent: takes a caller's INVITE (digest-challenged with 407), routes it
 * within the caller's tenant or, for another tenant's company or direct number, as an outside call
 * to that tenant, and rings every registered device of every target ID at once.
 *
 * Call features plug in from outside (pbx.ts wires them): a dialled feature code goes to the
 * handler set for its kind (`setFeatureHandler`), a REFER inside an established call to the
 * refer handlers (`addReferHandler`), and features start Calls between moved parties with
 * `startPartyCall` (docs/ARCHITECTURE.md, PBX re-wiring).
 */
import { randomUUID } from 'node:crypto';
import { Call, type CallRefer } from './call.js';
import { unansweredOutcome, type CallEnding, type PbxCallRecord } from './call-record.js';
import { CalleeLeg, type CalleeLegListener, type CalleePresentation } from './callee-leg.js';
import { type CalleeSide } from './callee-side.js';
import { CallerLeg, type CallerLegListener } from './caller-leg.js';
import { type CallerSide } from './caller-side.js';
import { type LegContext } from './leg.js';
import { PartyAsCaller } from './party-as-caller.js';
import { type PartyIdentity } from './party.js';
import { type SipAuthenticator } from '../auth/authenticator.js';
import { ChannelTracker } from '../channels/channel-tracker.js';
import { nullLineStateSink, type LineStateSink } from '../dialog-event/line-state-sink.js';
import { type PbxDirectory, type PbxIdentity, type TenantDirectory } from '../directory.js';
import { describeError, runDetached, type PbxLogger } from '../logger.js';
import { IvrDesk, ivrRingTargets } from '../ivr/ivr-desk.js';
import { type IvrMenu } from '../ivr/ivr-menu.js';
import { type MediaEngine } from '../media/media-engine.js';
import { type Registrar } from '../registrar/registrar.js';
import { CALLER_NUMBER_REQUEST_HEADER, decideCallerNumber, requestedCallerNumber } from '../routing/caller-number.js';
import { PstnEndpoint, type FarEndBehaviour, type PstnEndpointTiming } from '../pstn/pstn-endpoint.js';
import { PstnCaller } from '../pstn/pstn-caller.js';
import { pstnBehaviour } from '../pstn/pstn-numbers.js';
import { normalizeDialled } from '../routing/dialled-number.js';
import { recognizeFeatureCode, type FeatureCode, type FeatureCodes, type FeatureKind } from '../routing/feature-codes.js';
import { EMBEDDED_PBX_PROFILE } from '../../provisioning/embedded-pbx-profile.js';
import { identitiesToRing, presentedCaller, routeCall, routeFromOutside, type RouteDecision } from '../routing/route-call.js';
import { contactUriOf, isSdp, type SipRequest } from '../sip/message.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';
import { type SipConnection } from '../transport/sip-connection.js';
import { type Binding } from '../registrar/binding-table.js';
import { parseReferTo, type ReferTarget } from '../transfer/refer-to.js';

/** A dialled feature code, for the handler of its kind (park retrieve, pickup, …). */
export interface FeatureInvite {
  feature: FeatureCode;
  /** the calling ID as the store has it now */
  caller: PbxIdentity;
  tenant: TenantDirectory;
  request: SipRequest;
  /** 100 Trying was sent; the handler sends the final response (or a Call's caller leg does) */
  tx: ServerTransaction;
  connection: SipConnection;
  /** the calling device's leg (as a Call's caller: startPartyCall; or to answer a pickup) */
  callerLeg(listener: CallerLegListener): CallerLeg;
}

export type FeatureInviteHandler = (invite: FeatureInvite) => void;

/** A REFER inside an established call, with its target read. */
export interface ReferRequest extends CallRefer {
  target: ReferTarget;
}

/** Returns true when it took the REFER (and answered its transaction). */
export type ReferHandler = (refer: ReferRequest) => boolean;

/** The call log row of a Call a feature starts (the times and outcome come from the Call). */
export type FeatureCallRecord = Omit<PbxCallRecord, keyof CallEnding>;

export interface PartyCallSpec {
  caller: (listener: CallerLegListener) => CallerSide;
  callees: (listener: CalleeLegListener) => CalleeSide[];
  /** who calls whom (line states, logs) */
  presentation: CalleePresentation;
  /** logged once when the call ends; absent = not logged */
  record?: FeatureCallRecord;
  /** default: the B2BUA's no-answer timeout */
  noAnswerTimeoutMs?: number;
  /** told once when the call ends or is detached, after the record */
  onEnded?: (ending: CallEnding, call: Call) => void;
}

/** A service that lives as long as the B2BUA (a park lot): closed before the calls are. */
export interface B2buaService {
  close(): Promise<void> | void;
}

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
  /** who is ringing / busy / released, park slots (dialog event package); default: nobody */
  lineStates?: LineStateSink;
  /** feature codes recognised before routing; default: the embedded profile's */
  featureCodes?: FeatureCodes;
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
  private readonly featureHandlers = new Map<FeatureKind, FeatureInviteHandler>();
  private readonly referHandlers: ReferHandler[] = [];
  private readonly services: B2buaService[] = [];
  private ivrDeskInstance: IvrDesk | undefined;
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

  /** Calls going on now (pickup looks for ringing ones). */
  get activeCalls(): readonly Call[] {
    return [...this.calls];
  }

  get lineStates(): LineStateSink {
    return this.options.lineStates ?? nullLineStateSink;
  }

  get featureCodes(): FeatureCodes {
    return this.options.featureCodes ?? EMBEDDED_PBX_PROFILE.featureCodes;
  }

  get context(): LegContext {
    return this.options.ctx;
  }

  get directory(): PbxDirectory {
    return this.options.directory;
  }

  /** Who handles a dialled feature code of this kind; without a handler it gets 404. */
  setFeatureHandler(kind: FeatureKind, handler: FeatureInviteHandler): void {
    this.featureHandlers.set(kind, handler);
  }

  /** REFERs go to the handlers in the order added; one nobody takes gets 603. */
  addReferHandler(handler: ReferHandler): void {
    this.referHandlers.push(handler);
  }

  /** Closed (in order) when the B2BUA closes, before its calls. */
  addService(service: B2buaService): void {
    this.services.push(service);
  }

  /**
   * A Call between parties a feature put together (retrieve, recall, transfer): `caller` and
   * `callees` are built with the call as their listener, as for a dialled call.
   */
  startPartyCall(spec: PartyCallSpec): Call {
    const { record } = spec;
    const notifyRecord = (ending: CallEnding, call: Call): void => {
      if (record) {
        this.notifyRecord({ ...ending, ...record, answeredByIdId: record.answeredByIdId ?? this.identityOf(ending.answeredBySipUser)?.idId });
      }
      spec.onEnded?.(ending, call);
    };
    return this.startCall(spec.caller, spec.callees, 1, spec.presentation, notifyRecord, spec.noAnswerTimeoutMs);
  }

  /**
   * Legs ringing every registered device of `targets` (a transfer target, the ID a park recall
   * rings), or undefined when none is registered. `identityNumber` is the number the caller is
   * shown for an answering ID (internal calls: its extension).
   */
  devicesOf(
    targets: readonly PbxIdentity[],
    presentation: CalleePresentation,
    options: { except?: SipConnection; identityNumber?: (id: PbxIdentity) => string } = {},
  ): ((listener: CalleeLegListener) => CalleeSide[]) | undefined {
    const bindings = this.bindingsOf(targets)
      .filter(({ binding }) => binding.connection !== options.except)
      .slice(0, this.options.maxForkedLegs ?? DEFAULT_MAX_FORKED_LEGS);
    if (bindings.length === 0) return undefined;
    const numberOf = options.identityNumber ?? ((id: PbxIdentity) => id.extension);
    return (listener) =>
      bindings.map(({ binding, identity }) => this.calleeLeg(binding, presentation, listener, calleeIdentity(identity, numberOf(identity))));
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
    const callsHere = [...this.calls].filter((call) => call.callerConnection === connection).length + (this.ivrDeskInstance?.callsOn(connection) ?? 0);
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
    const feature = recognizeFeatureCode(String(request.uri.user ?? ''), this.featureCodes);
    if (feature) {
      this.handleFeatureInvite({ feature, caller: callerNow, tenant, request, tx, connection });
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
    const callerIdentity: PartyIdentity = { ...shown, sipUser: callerNow.sipUser, tenantId: callerNow.tenantId };
    const deviceCaller = (listener: CallerLegListener): CallerSide =>
      new CallerLeg({ ctx: this.options.ctx, connection, media: this.options.media.createLegMedia(), invite: request, tx, listener, identity: callerIdentity });
    const releases: Array<() => void> = [];
    const releaseChannels = (): void => releases.splice(0).forEach((release) => release());
    const recordAndRelease = (ending: CallEnding, call?: Call): void => {
      releaseWhenEnded(call, releaseChannels, logger);
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
      this.startCall(deviceCaller, this.farEnd(decision.behaviour, decision.dialled), 1, presentation, recordAndRelease);
      return;
    }
    if (decision.scope === 'outside') {
      const calleeTenant = directory.tenantDirectory(decision.calleeTenantId);
      const release = this.channels.tryAcquire(decision.calleeTenantId, calleeTenant?.identities.length ?? 0);
      if (!release) {
        logger.info('incoming outside call gets the busy message: all channels in use', { tenant: decision.calleeTenantId });
        // Both sides log it as busy: the caller reached an announcement, not the tenant.
        const asBusy = ({ callId, startedAt, endedAt }: CallEnding, call: Call): void =>
          recordAndRelease({ callId, startedAt, endedAt, outcome: 'busy', finalStatus: 486 }, call);
        this.startCall(deviceCaller, this.farEnd({ kind: 'busyMessage' }, decision.dialled), 1, presentation, asBusy);
        return;
      }
      releases.push(release);
    }
    const ivrMenu = decision.kind === 'ringSet' ? decision.companyNumber.ivrMenu : undefined;
    if (ivrMenu) {
      this.startIvrCall({
        menu: ivrMenu,
        caller: deviceCaller,
        calleeTenantId: decision.calleeTenantId,
        fallback: targets,
        callerIdId: callerNow.idId,
        except: connection,
        presentation,
        answererNumber: (id) => (decision.scope === 'internal' ? id.extension : decision.dialled),
        ended: (rung) => {
          const recordRung = this.recorder(callerNow, decision, rung, shown);
          return (ending, call) => {
            releaseWhenEnded(call, releaseChannels, logger);
            recordRung(ending);
          };
        },
      });
      return;
    }
    const bindings = this.bindingsOf(targets).filter(({ binding }) => binding.connection !== connection); // never ring the phone that is calling
    if (bindings.length === 0) {
      releaseChannels();
      tx.respond({ status: 480 });
      const now = Date.now();
      record({ callId: randomUUID(), startedAt: now, endedAt: now, outcome: 'noAnswer', finalStatus: 480 });
      return;
    }
    const maxLegs = this.options.maxForkedLegs ?? DEFAULT_MAX_FORKED_LEGS;
    if (bindings.length > maxLegs) logger.warn('ring set larger than the fork limit', { devices: bindings.length, maxLegs });
    const ringing = bindings.slice(0, maxLegs);
    // what the caller is shown for the ID that answers: its extension inside the tenant, else what was dialled
    const answererNumber = (id: PbxIdentity): string => (decision.scope === 'internal' ? id.extension : decision.dialled);
    const devices = (listener: CalleeLegListener): CalleeSide[] =>
      ringing.map(({ binding, identity }) => this.calleeLeg(binding, presentation, listener, calleeIdentity(identity, answererNumber(identity))));
    this.startCall(deviceCaller, devices, ringing.length, presentation, recordAndRelease);
  }

  /**
   * An inbound outside call from the PSTN simulator's caller (admin API, `npm run server -- call`)
   * to a tenant's company or direct number. Returns what the caller got at once: 180 (ringing),
   * 200 (a voice menu answered; the caller presses `ivrDigits` once it has), or 404 (no such
   * number), 480 (no device registered), 486 (every channel of the tenant in use).
   */
  placeInboundCall(fromRaw: string, toRaw: string, options: { ivrDigits?: string } = {}): { status: number; reason: string } {
    const { directory, ctx } = this.options;
    const from = normalizeDialled(fromRaw);
    const dialled = normalizeDialled(toRaw);
    const ownerId = dialled === undefined ? undefined : directory.findNumberOwner(dialled);
    const owner = ownerId === undefined ? undefined : directory.tenantDirectory(ownerId);
    const decision = owner && dialled ? routeFromOutside(owner, dialled) : undefined;
    if (this.closing || !from || !owner || !decision || !dialled) return { status: 404, reason: 'Not Found' };
    const targets = decision.kind === 'identity' ? [decision.target] : decision.targets;
    const ivrMenu = decision.kind === 'ringSet' ? decision.companyNumber.ivrMenu : undefined;
    const bindings = this.bindingsOf(targets);
    // A voice menu answers in any case: who rings is known only after the keys.
    if (bindings.length === 0 && !ivrMenu) return { status: 480, reason: 'Temporarily Unavailable' };
    const release = this.channels.tryAcquire(owner.tenantId, owner.identities.length);
    if (!release) return { status: 486, reason: 'All Channels Busy' };
    const presentation: CalleePresentation = { callerNumber: from, callerDisplayName: '', calledNumber: dialled, calledLabel: decision.calledLabel };
    const listener = this.options.onCallEnded;
    const recordFor =
      (rung: readonly PbxIdentity[]) =>
      (ending: CallEnding, call?: Call): void => {
        releaseWhenEnded(call, release, ctx.logger);
        listener?.({
          ...ending,
          kind: 'incomingOutside',
          tenantId: owner.tenantId,
          callerNumber: from,
          callerDisplayName: '',
          dialled: decision.dialled,
          companyNumber: decision.kind === 'ringSet' ? decision.companyNumber.number : undefined,
          calleeIdIds: rung.map((id) => id.idId),
          answeredByIdId: (rung.find((id) => id.sipUser === ending.answeredBySipUser) ?? this.identityOf(ending.answeredBySipUser))?.idId,
        });
      };
    const caller = (l: CallerLegListener): PstnCaller => new PstnCaller(l, from, undefined, options.ivrDigits ?? '');
    if (ivrMenu) {
      ctx.logger.info('simulated inbound call to a voice menu', { from, to: dialled, keys: options.ivrDigits ?? '' });
      this.startIvrCall({ menu: ivrMenu, caller, calleeTenantId: owner.tenantId, fallback: targets, presentation, answererNumber: () => dialled, ended: recordFor });
      return { status: 200, reason: 'Answered by the voice menu' };
    }
    const maxLegs = this.options.maxForkedLegs ?? DEFAULT_MAX_FORKED_LEGS;
    const ringing = bindings.slice(0, maxLegs);
    const devices = (l: CalleeLegListener): CalleeSide[] =>
      ringing.map(({ binding, identity }) => this.calleeLeg(binding, presentation, l, calleeIdentity(identity, dialled)));
    ctx.logger.info('simulated inbound call', { from, to: dialled, devices: ringing.length });
    this.startCall(caller, devices, ringing.length, presentation, recordFor(targets));
    return { status: 180, reason: 'Ringing' };
  }

  /** The PSTN simulator's far end for `dialled` (also a transfer's target), with this B2BUA's timing. */
  farEnd(behaviour: FarEndBehaviour, dialled: string): (listener: CalleeLegListener) => CalleeSide[] {
    return (listener) => [new PstnEndpoint(behaviour, listener, this.options.pstnTiming, dialled)];
  }

  private calleeLeg(binding: Binding, presentation: CalleePresentation, listener: CalleeLegListener, identity: PartyIdentity): CalleeLeg {
    const { ctx, media } = this.options;
    return new CalleeLeg({ ctx, binding, media: media.createLegMedia(), presentation, listener, identity });
  }

  private handleFeatureInvite(invite: Omit<FeatureInvite, 'callerLeg'>): void {
    const handler = this.featureHandlers.get(invite.feature.kind);
    const { logger } = this.options.ctx;
    if (!handler) {
      logger.info('feature code without a handler', { caller: invite.caller.sipUser, code: invite.feature.code });
      invite.tx.respond({ status: 404, reason: 'Feature Not Available' });
      return;
    }
    const shown = presentedCaller(invite.caller);
    const identity: PartyIdentity = { ...shown, sipUser: invite.caller.sipUser, tenantId: invite.caller.tenantId };
    const callerLeg = (listener: CallerLegListener): CallerLeg =>
      new CallerLeg({ ctx: this.options.ctx, connection: invite.connection, media: this.options.media.createLegMedia(), invite: invite.request, tx: invite.tx, listener, identity });
    try {
      handler({ ...invite, callerLeg });
    } catch (error) {
      logger.error('feature handler failed', { code: invite.feature.code, error: describeError(error) });
      invite.tx.respond({ status: 500 });
    }
  }

  private routeRefer(refer: CallRefer): void {
    const { logger } = this.options.ctx;
    const parsed = parseReferTo(refer.request.headers('refer-to'));
    if (!parsed.ok) {
      logger.info('REFER refused', { reason: parsed.reason });
      refer.tx.respond({ status: 400, reason: 'Bad Refer-To' });
      return;
    }
    const target = parsed.value;
    for (const handler of this.referHandlers) {
      try {
        if (handler({ ...refer, target })) return;
      } catch (error) {
        logger.error('refer handler failed', { error: describeError(error) });
        refer.tx.respond({ status: 500 });
        return;
      }
    }
    refer.tx.respond({ status: 603 });
  }

  /** Every registered device of `targets`, with the ID it belongs to. */
  private bindingsOf(targets: readonly PbxIdentity[]): Array<{ binding: Binding; identity: PbxIdentity }> {
    return targets.flatMap((identity) => this.options.registrar.contactsOf(identity.sipUser).map((binding) => ({ binding, identity })));
  }

  private identityOf(sipUser: string | undefined): PbxIdentity | undefined {
    return sipUser ? this.options.directory.findIdentityBySipUser(sipUser) : undefined;
  }

  private notifyRecord(record: PbxCallRecord): void {
    try {
      this.options.onCallEnded?.(record);
    } catch (error) {
      this.options.ctx.logger.error('call-ended listener failed', { error: describeError(error) });
    }
  }

  /** Voice menus playing now (pbx/ivr/); closed as a service, before the calls. */
  private get ivrDesk(): IvrDesk {
    if (!this.ivrDeskInstance) {
      this.ivrDeskInstance = new IvrDesk(this.options.ctx.logger);
      this.addService(this.ivrDeskInstance);
    }
    return this.ivrDeskInstance;
  }

  /**
   * A call to a company number with a voice menu: the menu answers the caller and collects keys
   * (pbx/ivr/), then the chosen option's IDs — or, without a usable choice, the number's own ring
   * set — ring with the keys in X-IVR-Digits, the answered caller wrapped as a PartyAsCaller
   * (ringback while ringing). `ended(rung)`: the call log and channels for the IDs that rang (none
   * when the caller never got past the menu).
   */
  private startIvrCall(spec: {
    menu: IvrMenu;
    caller: (listener: CallerLegListener) => CallerSide;
    calleeTenantId: number;
    fallback: readonly PbxIdentity[];
    callerIdId?: number;
    except?: SipConnection;
    presentation: CalleePresentation;
    answererNumber: (id: PbxIdentity) => string;
    ended: (rung: readonly PbxIdentity[]) => (ending: CallEnding, call?: Call) => void;
  }): void {
    const startedAt = Date.now();
    this.ivrDesk.open({
      menu: spec.menu,
      caller: spec.caller,
      onChoice: (choice, answered) => {
        const tenant = this.options.directory.tenantDirectory(spec.calleeTenantId);
        const { targets, ivrDigits } = ivrRingTargets(choice, tenant, spec.fallback, spec.callerIdId);
        const presentation = ivrDigits === undefined ? spec.presentation : { ...spec.presentation, ivrDigits };
        // No device registered: the Call ends at once (480) and hangs the caller up.
        const devices = this.devicesOf(targets, presentation, { except: spec.except, identityNumber: spec.answererNumber }) ?? (() => []);
        this.startCall((listener) => new PartyAsCaller(answered, listener), devices, targets.length, presentation, spec.ended(targets));
      },
      onAbandoned: ({ status }) =>
        spec.ended([])({ callId: randomUUID(), startedAt, endedAt: Date.now(), outcome: unansweredOutcome(status), finalStatus: status }),
    });
  }

  /** End every call (callers not yet answered get 503) and wait until all legs have let go. */
  async close(): Promise<void> {
    this.closing = true;
    // Everything starts synchronously: the BYEs must go out before the caller closes the sockets.
    const closing = this.services.splice(0).map((service) => {
      try {
        return Promise.resolve(service.close());
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    const calls = [...this.calls].map((call) => call.dispose(503));
    for (const outcome of await Promise.allSettled(closing)) {
      if (outcome.status === 'rejected') this.options.ctx.logger.error('closing a B2BUA service failed', { error: describeError(outcome.reason) });
    }
    await Promise.all(calls);
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
        // a pickup's answerer was not rung: look it up
        answeredByIdId: (targets.find((id) => id.sipUser === ending.answeredBySipUser) ?? this.identityOf(ending.answeredBySipUser))?.idId,
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
    record: (ending: CallEnding, call: Call) => void,
    noAnswerTimeoutMs = this.options.noAnswerTimeoutMs,
  ): Call {
    const { ctx } = this.options;
    const call = new Call({
      legs: {
        caller,
        callees,
      },
      noAnswerTimeoutMs,
      logger: ctx.logger,
      summary: { from: presentation.callerNumber, to: presentation.calledNumber, devices },
      onFinished: (finished) => this.calls.delete(finished),
      onEnded: record,
      presentation,
      lineStates: this.lineStates,
      onRefer: (refer) => this.routeRefer(refer),
    });
    this.calls.add(call);
    call.start();
    return call;
  }
}

/** A called ID as the caller is shown it. */
function calleeIdentity(identity: PbxIdentity, number: string): PartyIdentity {
  return { number, displayName: identity.displayName, sipUser: identity.sipUser, tenantId: identity.tenantId };
}

/** A detached call (park, transfer) keeps its channels until the parties it passed on are gone. */
function releaseWhenEnded(call: Call | undefined, release: () => void, logger: PbxLogger): void {
  if (call?.isDetached) runDetached(call.released.then(release), logger, 'channel release');
  else release();
}
