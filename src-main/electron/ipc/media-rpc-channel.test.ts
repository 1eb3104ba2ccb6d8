import { describe, expect, it } from 'vitest';
import { ipcChannel, ipcMethods, ipcTopics } from '../../../src-shared/contract/ipc-contract.js';
import * as preloadChannels from '../../../src-preload/channels.js';
import { CONTRACT_METHODS, CONTRACT_TOPICS, contractChannel } from '../../../src-preload/contract-names.js';
import { WINDOW_KIND_ARGUMENT_PREFIX as PRELOAD_PREFIX } from '../../../src-preload/window-argument.js';
import { WINDOW_KIND_ARGUMENT_PREFIX } from '../windows/window-kind.js';
import { MEDIA_HOST_READY_TOPIC, MEDIA_RPC_CHANNEL } from './media-rpc-channel.js';

// The preload may not import src-main (layer rule), so the names both sides use are kept
// equal here.
describe('names shared by main and the preload', () => {
  it('media RPC channel and ready topic', () => {
    expect(preloadChannels.MEDIA_RPC_CHANNEL).toBe(MEDIA_RPC_CHANNEL);
    expect(preloadChannels.MEDIA_HOST_READY_TOPIC).toBe(MEDIA_HOST_READY_TOPIC);
    expect(ipcMethods.map((m) => ipcChannel(m))).not.toContain(MEDIA_RPC_CHANNEL);
  });

  it('window-kind argument', () => {
    expect(PRELOAD_PREFIX).toBe(WINDOW_KIND_ARGUMENT_PREFIX);
  });

  it('contract methods, topics and channel names', () => {
    expect([...CONTRACT_METHODS].sort()).toEqual([...ipcMethods].sort());
    expect([...CONTRACT_TOPICS].sort()).toEqual([...ipcTopics].sort());
    for (const name of [...ipcMethods, ...ipcTopics]) expect(contractChannel(name)).toBe(ipcChannel(name));
  });
});
