import { describe, expect, it } from 'vitest';
import type { MediaArgs, MediaMethod, MediaResult } from '../../../src-shared/contract/media-contract.js';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import { createSilentLogger } from '../logging/logger.js';
import type { MediaHostLink } from '../media/media-host-link.js';
import { ProxySessionDescriptionHandlerPool } from './proxy-session-description-handler.js';

function recordingLink(answers: Partial<{ [M in MediaMethod]: (args: MediaArgs<M>) => MediaResult<M> }> = {}) {
  const calls: Array<{ method: MediaMethod; args: unknown }> = [];
  const link: MediaHostLink = {
    async request(method, args) {
      calls.push({ method, args });
      const answer = answers[method] as ((a: typeof args) => unknown) | undefined;
      if (answer) return answer(args) as never;
      if (method === 'media.getDescription') return { type: 'offer', sdp: 'v=0 offer' } as never;
      if (method === 'media.sendDtmf') return true as never;
      return null as never;
    },
  };
  return { link, calls };
}

const session = {} as Parameters<ProxySessionDescriptionHandlerPool['factory']>[0];

describe('ProxySessionDescriptionHandler', () => {
  it('forwards getDescription with hold and ICE restart and returns application/sdp', async () => {
    const { link, calls } = recordingLink();
    const pool = new ProxySessionDescriptionHandlerPool(link, createSilentLogger(), 'a1');
    const sdh = pool.factory(session);
    const description = await sdh.getDescription({ hold: true, offerOptions: { iceRestart: true } } as object);
    expect(description).toEqual({ body: 'v=0 offer', contentType: 'application/sdp' });
    expect(calls).toEqual([{ method: 'media.getDescription', args: { sdhId: 'a1-1', hold: true, iceRestart: true } }]);
    expect(sdh.hasDescription('application/sdp')).toBe(true);
    expect(sdh.hasDescription('text/plain')).toBe(false);
  });

  it('gives every handler its own sdhId (early-media forks) and forwards setDescription', async () => {
    const { link, calls } = recordingLink();
    const pool = new ProxySessionDescriptionHandlerPool(link, createSilentLogger(), 'a1');
    const first = pool.factory(session);
    const second = pool.factory(session);
    await first.setDescription('v=0 remote');
    await second.setDescription('v=0 remote 2');
    expect(calls.map((c) => c.args)).toEqual([
      { sdhId: 'a1-1', sdp: 'v=0 remote', hold: false },
      { sdhId: 'a1-2', sdp: 'v=0 remote 2', hold: false },
    ]);
  });

  it('applies SIP.js modifiers with the right description type', async () => {
    const { link, calls } = recordingLink();
    const pool = new ProxySessionDescriptionHandlerPool(link, createSilentLogger(), 'a1');
    const sdh = pool.factory(session);
    const types: string[] = [];
    const modifier = async (d: RTCSessionDescriptionInit) => {
      types.push(d.type);
      return { ...d, sdp: `${d.sdp}+m` };
    };
    const offer = await sdh.getDescription(undefined, [modifier]);
    await sdh.setDescription('v=0 answer', undefined, [modifier]);
    expect(offer.body).toBe('v=0 offer+m');
    expect(types).toEqual(['offer', 'answer']);
    expect(calls[1]?.args).toMatchObject({ sdp: 'v=0 answer+m' });
  });

  it('rolls back through the host, and closes once, only if the host knows the id', async () => {
    const { link, calls } = recordingLink();
    const pool = new ProxySessionDescriptionHandlerPool(link, createSilentLogger(), 'a1');
    const unused = pool.factory(session);
    unused.close();
    expect(calls).toEqual([]);
    const used = pool.factory(session);
    await used.getDescription();
    await used.rollbackDescription!();
    used.close();
    used.close();
    expect(calls.map((c) => c.method)).toEqual(['media.getDescription', 'media.rollback', 'media.close']);
    expect(pool.openCount).toBe(0);
    await expect(used.getDescription()).rejects.toThrow(/closed/);
  });

  it('passes the host failure through as a rejection', async () => {
    const { link } = recordingLink({
      'media.setDescription': () => {
        throw new ContractFailure('invalid-state', 'wrong state');
      },
    });
    const sdh = new ProxySessionDescriptionHandlerPool(link, createSilentLogger(), 'a1').factory(session);
    await expect(sdh.setDescription('v=0')).rejects.toMatchObject({ code: 'invalid-state' });
  });

  it('closeAll() releases every open handler', async () => {
    const { link, calls } = recordingLink();
    const pool = new ProxySessionDescriptionHandlerPool(link, createSilentLogger(), 'a1');
    await pool.factory(session).getDescription();
    await pool.factory(session).getDescription();
    pool.closeAll();
    expect(calls.filter((c) => c.method === 'media.close').map((c) => c.args)).toEqual([{ sdhId: 'a1-1' }, { sdhId: 'a1-2' }]);
    expect(pool.openCount).toBe(0);
  });
});
