import { describe, expect, it } from 'vitest';
import { type CallerSide } from '../b2bua/caller-side.js';
import { type PbxIdentity, type TenantDirectory } from '../directory.js';
import { silentLogger } from '../logger.js';
import { type SipConnection } from '../transport/sip-connection.js';
import { IvrDesk, ivrRingTargets } from './ivr-desk.js';
import { type IvrAbandon } from './ivr-stage.js';

const id = (idId: number): PbxIdentity => ({
  idId,
  tenantId: 2,
  sipUser: `0503100000${idId}`,
  sipPassword: 'x',
  displayName: `ID ${idId}`,
  extension: `30${idId}`,
  directNumber: `0503100000${idId}`,
  defaultCallerNumber: '0666660100',
});
const tenant: TenantDirectory = { tenantId: 2, tenantName: '株式会社サンプル物産', identities: [id(1), id(2), id(3)], companyNumbers: [] };
const option = (digits: string, ringSet: number[]) => ({ kind: 'option' as const, digits, option: { digits, label: '', ringSet } });

describe('who rings after the menu', () => {
  it('the chosen option’s IDs as the tenant has them now, with the keys', () => {
    expect(ivrRingTargets(option('2', [2, 3]), tenant, [id(2)])).toEqual({ targets: [id(2), id(3)], ivrDigits: '2' });
  });

  it('skips IDs that no longer exist and the ID that is calling', () => {
    expect(ivrRingTargets(option('1', [1, 9, 3]), tenant, [], 3)).toEqual({ targets: [id(1)], ivrDigits: '1' });
    expect(ivrRingTargets(option('1', [1]), undefined, [])).toEqual({ targets: [], ivrDigits: '1' });
  });

  it('no usable choice: the number’s own ring set, without keys', () => {
    expect(ivrRingTargets({ kind: 'noChoice' }, tenant, [id(2)])).toEqual({ targets: [id(2)], ivrDigits: undefined });
  });
});

describe('the IVR desk', () => {
  it('counts callers per connection until they are gone, also after the menu handed them over', async () => {
    const connection = {} as SipConnection;
    let resolveFinished: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (resolveFinished = resolve));
    const caller = {
      connection,
      finished,
      isDisposed: false,
      isConfirmed: false,
      identity: { number: '201', displayName: '' },
      media: { onAudio: () => () => undefined, pushAudio: () => undefined },
      prepareAnswer: () => new Promise<never>(() => undefined), // stays in 'answering'
      ringing: () => undefined,
      accept: () => Promise.resolve(),
      terminate: () => resolveFinished(),
      rebind: () => undefined,
      hangUp: () => resolveFinished(),
    } satisfies CallerSide;
    const desk = new IvrDesk(silentLogger);
    const abandoned: IvrAbandon[] = [];
    desk.open({
      menu: { prompt: 'keiri-menu-ja', options: [{ digits: '1', label: '', ringSet: [1] }], timeoutSeconds: 5, repeats: 0, onNoChoice: 'ringSet' },
      caller: () => caller,
      onChoice: () => undefined,
      onAbandoned: (abandon) => abandoned.push(abandon),
    });
    expect(desk.size).toBe(1);
    expect(desk.callsOn(connection)).toBe(1);
    await desk.close(); // ends the menu: 503 to the caller not yet answered
    expect(abandoned).toEqual([{ reason: 'failed', status: 503 }]);
    expect(desk.size).toBe(0);
    await finished;
    await Promise.resolve();
    expect(desk.callsOn(connection)).toBe(0);
  });
});
