/**
 * The TransferHost on the B2BUA's public surface. `dialAs` routes a transfer target exactly as an
 * INVITE from the transferor would be routed (routeCall: its tenant's extensions and company
 * numbers, other tenants' numbers as outside calls, the PSTN simulator), holds the transferor's
 * tenant's channel for an outside target, and logs the new call as its own record.
 *
 * What the callee is shown: inside the tenant, the transferred party (a colleague sees who is put
 * through, e.g. the outside caller's number); outside, the transferor's caller number, because a
 * tenant may present only its own numbers outward (caller-number.ts).
 */
import { type DialOutcome, type TransferHost } from './transfer-host.js';
import { type B2bua, type FeatureCallRecord } from '../b2bua/b2bua.js';
import { type Call } from '../b2bua/call.js';
import { type CalleePresentation } from '../b2bua/callee-leg.js';
import { PartyAsCallee } from '../b2bua/party-as-callee.js';
import { PartyAsCaller } from '../b2bua/party-as-caller.js';
import { innermostParty, type Party } from '../b2bua/party.js';
import { type PbxIdentity } from '../directory.js';
import { runDetached } from '../logger.js';
import { pstnBehaviour } from '../pstn/pstn-numbers.js';
import { decideCallerNumber } from '../routing/caller-number.js';
import { identitiesToRing, routeCall } from '../routing/route-call.js';

/** What of the B2BUA a transfer uses (its public surface). */
export type TransferB2bua = Pick<B2bua, 'directory' | 'context' | 'channels' | 'activeCalls' | 'devicesOf' | 'startPartyCall' | 'farEnd'>;

const ALL_CHANNELS_BUSY = { ok: false, status: 486, reason: 'All Channels Busy' } as const;

export class B2buaTransferHost implements TransferHost {
  constructor(private readonly b2bua: TransferB2bua) {}

  get logger(): TransferHost['logger'] {
    return this.b2bua.context.logger;
  }

  get contactUri(): string {
    return this.b2bua.context.pbx.contactUri;
  }

  dialAs({ dialledBy, dialled, transferee, caller }: Parameters<TransferHost['dialAs']>[0]): DialOutcome {
    const { directory, channels } = this.b2bua;
    const identity = dialledBy.sipUser ? directory.findIdentityBySipUser(dialledBy.sipUser) : undefined;
    const tenant = identity ? directory.tenantDirectory(identity.tenantId) : undefined;
    if (!identity || !tenant) return { ok: false, status: 403, reason: 'Transfer Not Allowed' };
    const me = tenant.identities.find((id) => id.idId === identity.idId) ?? identity;
    const decision = routeCall({
      caller: me,
      tenant,
      dialled,
      numberOwner: (digits) => {
        const owner = directory.findNumberOwner(digits);
        return owner === undefined || owner === me.tenantId ? undefined : directory.tenantDirectory(owner);
      },
      pstn: pstnBehaviour,
    });
    if (decision.kind === 'notFound') return { ok: false, status: 404 };
    const outward = decideCallerNumber(me, tenant, undefined);
    const shown =
      decision.scope === 'internal' || outward.kind !== 'present'
        ? { number: transferee.number, displayName: transferee.displayName }
        : { number: outward.number, displayName: outward.displayName };
    const presentation: CalleePresentation = {
      callerNumber: shown.number,
      callerDisplayName: shown.displayName,
      calledNumber: decision.dialled,
      calledLabel: decision.calledLabel,
    };
    const targets = identitiesToRing(decision, me);
    const releases: Array<() => void> = [];
    const releaseAll = (): void => releases.splice(0).forEach((release) => release());
    if (decision.scope === 'outside') {
      const mine = channels.tryAcquire(me.tenantId, tenant.identities.length);
      if (!mine) return ALL_CHANNELS_BUSY;
      releases.push(mine);
      if (decision.kind !== 'pstn') {
        const theirs = channels.tryAcquire(decision.calleeTenantId, directory.tenantDirectory(decision.calleeTenantId)?.identities.length ?? 0);
        if (!theirs) {
          releaseAll();
          return ALL_CHANNELS_BUSY;
        }
        releases.push(theirs);
      }
    }
    const callees =
      decision.kind === 'pstn'
        ? this.b2bua.farEnd(decision.behaviour, decision.dialled)
        : this.b2bua.devicesOf(targets, presentation, {
            identityNumber: (id: PbxIdentity) => (decision.scope === 'internal' ? id.extension : decision.dialled),
          });
    if (!callees) {
      releaseAll();
      return { ok: false, status: 480 };
    }
    const record: FeatureCallRecord = {
      kind: decision.scope === 'internal' ? 'internal' : 'outgoingOutside',
      tenantId: me.tenantId,
      callerIdId: me.idId,
      callerNumber: shown.number,
      callerDisplayName: shown.displayName,
      dialled: decision.dialled,
      companyNumber: decision.kind === 'ringSet' ? decision.companyNumber.number : undefined,
      calleeIdIds: decision.scope === 'internal' ? targets.map((id) => id.idId) : [],
    };
    this.b2bua.startPartyCall({
      caller,
      callees,
      presentation,
      record,
      // channels are held while the target's side is in use (also after a further transfer)
      onEnded: (_ending, call) => {
        if (call.isDetached) runDetached(call.released.then(releaseAll), this.logger, 'channel release');
        else releaseAll();
      },
    });
    return { ok: true };
  }

  callOfDialog(callId: string, localTag: string, remoteTag: string): { call: Call; party: Party } | undefined {
    const endpoint = this.b2bua.context.dialogs.findByIds(callId, localTag, remoteTag);
    if (!endpoint) return undefined;
    for (const call of this.b2bua.activeCalls) {
      if (call.currentState !== 'established') continue;
      for (const side of [call.callerParty, call.answeredParty]) {
        if (side && (innermostParty(side) as object) === endpoint) return { call, party: innermostParty(side) };
      }
    }
    return undefined;
  }

  /**
   * A party still holding the call (its last offer was sendonly / inactive, e.g. the transferor
   * whose transfer failed) keeps it on hold: it becomes the caller and the Call is told at once,
   * so the other party hears music on hold until it resumes.
   */
  join(first: Party, second: Party): void {
    const [caller, callee] = holdsCall(second) && !holdsCall(first) ? [second, first] : [first, second];
    const presentation: CalleePresentation = {
      callerNumber: caller.identity.number,
      callerDisplayName: caller.identity.displayName,
      calledNumber: callee.identity.number,
      calledLabel: callee.identity.displayName,
    };
    const tenantId = callee.identity.tenantId ?? caller.identity.tenantId;
    const record: FeatureCallRecord | undefined =
      tenantId === undefined
        ? undefined
        : {
            kind: 'internal',
            tenantId,
            callerNumber: presentation.callerNumber,
            callerDisplayName: presentation.callerDisplayName,
            dialled: presentation.calledNumber,
            calleeIdIds: [],
          };
    const call = this.b2bua.startPartyCall({
      caller: (listener) => new PartyAsCaller(caller, listener),
      callees: (listener) => [new PartyAsCallee(callee, listener)],
      presentation,
      record,
    });
    if (holdsCall(caller)) call.onLegHoldChanged(call.callerParty, true);
  }
}

/** The endpoint of a SIP leg has put the call on hold (Leg.isHeldByRemote). */
function holdsCall(party: Party): boolean {
  const inner = innermostParty(party) as Party & { isHeldByRemote?: unknown };
  return inner.isHeldByRemote === true;
}
