import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../logging/logger.js';
import { SnapshotPublisher } from './snapshot-publisher.js';

describe('SnapshotPublisher', () => {
  it('increments the version on every change and notifies listeners until they unsubscribe', () => {
    const publisher = new SnapshotPublisher(createSilentLogger());
    expect(publisher.snapshot.version).toBe(0);
    const seen: number[] = [];
    const unsubscribe = publisher.subscribe((s) => seen.push(s.version));
    publisher.update((s) => ({ ...s, registration: { state: 'connecting', error: null } }));
    publisher.update((s) => s);
    unsubscribe();
    publisher.update((s) => s);
    expect(seen).toEqual([1, 2]);
    expect(publisher.snapshot.version).toBe(3);
    expect(publisher.snapshot.registration.state).toBe('connecting');
  });

  it('freezes snapshots and survives a throwing listener', () => {
    const publisher = new SnapshotPublisher(createSilentLogger());
    const seen: number[] = [];
    publisher.subscribe(() => {
      throw new Error('window gone');
    });
    publisher.subscribe((s) => seen.push(s.version));
    const snapshot = publisher.update((s) => s);
    expect(seen).toEqual([1]);
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(Object.isFrozen(snapshot.registration)).toBe(true);
  });
});
