import type { Session } from 'sip.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import type { CallControl } from './call-control.js';
import { LineRegistry } from './line-registry.js';

const control = (): CallControl & { detached: number } => {
  const c = {
    detached: 0,
    session: {} as Session,
    expectEnd: () => undefined,
    readyForReinvite: async () => undefined,
    answer: async () => undefined,
    reject: async () => undefined,
    hangup: async () => undefined,
    detach: () => {
      c.detached += 1;
    },
  };
  return c;
};

const lineInit = {
  direction: 'incoming' as const,
  remoteNumber: '201',
  remoteName: '',
  calledNumber: '202',
  calledLabel: '鈴木',
  callerNumber: null,
};

describe('LineRegistry', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives each line its own id and reports every change', () => {
    let changes = 0;
    const registry = new LineRegistry({ now: () => 1, endedLineRetentionMs: 1000, onChange: () => changes++ });
    const a = registry.add(lineInit, control);
    const b = registry.add(lineInit, control);
    expect(a.id).not.toBe(b.id);
    expect(changes).toBe(2);
    a.markConnected(2);
    expect(changes).toBe(3);
    expect(registry.snapshots().map((l) => l.state)).toEqual(['connected', 'ringingIn']);
  });

  it('keeps an ended line for the retention time, detaches its control, then removes it', () => {
    vi.useFakeTimers();
    let changes = 0;
    const registry = new LineRegistry({ now: () => 1, endedLineRetentionMs: 500, onChange: () => changes++ });
    const c = control();
    const line = registry.add(lineInit, () => c);
    line.end('cancelled', 2);
    expect(c.detached).toBe(1);
    expect(registry.liveLines()).toEqual([]);
    expect(registry.snapshots()).toHaveLength(1);
    vi.advanceTimersByTime(499);
    expect(registry.snapshots()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(registry.snapshots()).toHaveLength(0);
    expect(changes).toBe(3);
  });

  it('answers unknown ids with a not-found ContractFailure', () => {
    const registry = new LineRegistry({ now: () => 1, endedLineRetentionMs: 500, onChange: () => undefined });
    expect(() => registry.require('line-99')).toThrow(ContractFailure);
    try {
      registry.require('line-99');
    } catch (error) {
      expect((error as ContractFailure).code).toBe('not-found');
    }
  });

  it('clear() detaches every control and cancels removal timers', () => {
    vi.useFakeTimers();
    const registry = new LineRegistry({ now: () => 1, endedLineRetentionMs: 500, onChange: () => undefined });
    const live = control();
    const ended = control();
    registry.add(lineInit, () => live);
    registry.add(lineInit, () => ended).end('failed', 3);
    registry.clear();
    expect(live.detached).toBe(1);
    expect(ended.detached).toBe(1);
    expect(registry.snapshots()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
