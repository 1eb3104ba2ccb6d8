/**
 * Where the B2BUA sends a call to a company number that has a voice menu: the desk runs one
 * IvrStage per caller while its menu plays (closing the PBX ends them), and says which IDs ring
 * for what the caller chose. Starting the Call afterwards is the B2BUA's (it owns calls, channels
 * and the call log), with the answered caller wrapped as a PartyAsCaller.
 */
import { type CallerLegListener } from '../b2bua/caller-leg.js';
import { type CallerSide } from '../b2bua/caller-side.js';
import { type SipConnection } from '../transport/sip-connection.js';
import { type PbxIdentity, type TenantDirectory } from '../directory.js';
import { type PbxLogger } from '../logger.js';
import { type IvrMenu } from './ivr-menu.js';
import { IvrStage, type IvrAbandon, type IvrChoice } from './ivr-stage.js';

export interface IvrCallSpec {
  menu: IvrMenu;
  caller: (listener: CallerLegListener) => CallerSide;
  /** the caller chose (or fell back): the B2BUA starts the Call with `caller`, already answered */
  onChoice(choice: IvrChoice, caller: CallerSide): void;
  /** the caller never got past the menu (left, hung up on, not answerable) */
  onAbandoned(abandon: IvrAbandon): void;
}

/** The IDs to ring for a choice, and the keys for `X-IVR-Digits` (none when nothing was chosen). */
export interface IvrRingTargets {
  targets: PbxIdentity[];
  ivrDigits: string | undefined;
}

export class IvrDesk {
  private readonly stages = new Set<IvrStage>();
  /** callers that came through a menu, per connection, until they are gone (also after the menu) */
  private readonly callersOn = new Map<SipConnection, number>();

  constructor(private readonly logger: PbxLogger) {}

  /** menus playing now */
  get size(): number {
    return this.stages.size;
  }

  /**
   * Callers on `connection` that came through a menu and are still there. Once handed over their
   * Call no longer knows the connection (PartyAsCaller has none), so the B2BUA's calls-per-connection
   * limit counts them here.
   */
  callsOn(connection: SipConnection): number {
    return this.callersOn.get(connection) ?? 0;
  }

  open(spec: IvrCallSpec): void {
    // The stage reports only after start(), so `stage` is set whenever done() runs.
    const done = (): void => void this.stages.delete(stage);
    const stage: IvrStage = new IvrStage({
      menu: spec.menu,
      caller: spec.caller,
      logger: this.logger,
      onChoice: (choice, caller) => {
        done();
        spec.onChoice(choice, caller);
      },
      onAbandoned: (abandon) => {
        done();
        spec.onAbandoned(abandon);
      },
    });
    this.stages.add(stage);
    this.countCaller(stage.caller);
    stage.start();
  }

  private countCaller(caller: CallerSide): void {
    const { connection } = caller;
    if (!connection) return;
    this.callersOn.set(connection, this.callsOn(connection) + 1);
    void caller.finished.then(() => {
      const left = this.callsOn(connection) - 1;
      if (left > 0) this.callersOn.set(connection, left);
      else this.callersOn.delete(connection);
    });
  }

  /** Ends every menu still playing (callers get 503 or BYE); settles when they have let go. */
  async close(): Promise<void> {
    await Promise.all([...this.stages].map((stage) => stage.dispose(503)));
  }
}

/**
 * Who rings after the menu: the chosen option's IDs as the tenant has them now, or (no choice)
 * `fallback`, the number's own ring set. `except`: the ID that is calling (a ring set never rings
 * its own caller).
 */
export function ivrRingTargets(choice: IvrChoice, tenant: TenantDirectory | undefined, fallback: readonly PbxIdentity[], except?: number): IvrRingTargets {
  if (choice.kind === 'noChoice') return { targets: [...fallback], ivrDigits: undefined };
  const targets = choice.option.ringSet
    .map((idId) => tenant?.identities.find((id) => id.idId === idId))
    .filter((id): id is PbxIdentity => id !== undefined && id.idId !== except);
  return { targets, ivrDigits: choice.digits };
}
