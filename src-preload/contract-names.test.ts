import { describe, expect, it } from 'vitest';
import { ipcChannel, ipcMethods, ipcTopics } from '../src-shared/contract/ipc-contract.js';
import { CONTRACT_METHODS, CONTRACT_TOPICS, contractChannel } from './contract-names.js';

describe('contract names in the preload', () => {
  it('are exactly the contract’s methods and topics', () => {
    expect([...CONTRACT_METHODS].sort()).toEqual([...ipcMethods].sort());
    expect([...CONTRACT_TOPICS].sort()).toEqual([...ipcTopics].sort());
  });

  it('use the contract’s channel names', () => {
    for (const name of [...ipcMethods, ...ipcTopics]) expect(contractChannel(name)).toBe(ipcChannel(name));
  });
});
