import { describe, expect, it } from 'vitest';
import { BindingTable, type Binding } from './binding-table.js';
import { type SipConnection } from '../transport/sip-connection.js';

function connection(open = true): SipConnection {
  return { isOpen: open } as unknown as SipConnection; // the table only reads isOpen and identity
}

function binding(over: Partial<Binding>): Binding {
  return {
    aor: '05030000001',
    contactUri: 'sip:a@x.invalid;transport=ws',
    instanceId: undefined,
    regId: undefined,
    connection: connection(),
    callId: 'c',
    cseq: 1,
    expiresAtMs: 10_000,
    ...over,
  };
}

describe('BindingTable', () => {
  it('replaces the same contact, adds another, counts both', () => {
    const table = new BindingTable();
    table.put(binding({}));
    table.put(binding({ cseq: 2 }));
    table.put(binding({ contactUri: 'sip:b@y.invalid' }));
    expect(table.size).toBe(2);
    expect(table.current('05030000001', 0).map((b) => b.cseq)).toEqual([2, 1]);
  });

  it('treats the same +sip.instance as the same device whatever its URI', () => {
    const table = new BindingTable();
    table.put(binding({ instanceId: 'urn:uuid:1', contactUri: 'sip:old@x.invalid' }));
    table.put(binding({ instanceId: 'urn:uuid:1', contactUri: 'sip:new@y.invalid' }));
    expect(table.current('05030000001', 0).map((b) => b.contactUri)).toEqual(['sip:new@y.invalid']);
  });

  it('hides expired bindings and those on closed connections; sweeps and removes by connection', () => {
    const table = new BindingTable();
    const gone = connection(false);
    const kept = connection();
    table.put(binding({ contactUri: 'sip:1@x', expiresAtMs: 5 }));
    table.put(binding({ contactUri: 'sip:2@x', connection: gone }));
    table.put(binding({ contactUri: 'sip:3@x', connection: kept }));
    expect(table.current('05030000001', 10).map((b) => b.contactUri)).toEqual(['sip:3@x']);
    table.sweep(10);
    expect(table.size).toBe(1);
    table.removeConnection(kept);
    expect(table.size).toBe(0);
  });
});
