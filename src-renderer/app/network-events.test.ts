import { describe, expect, it } from 'vitest';
import { forwardNetworkEvents } from './network-events.js';

describe('forwardNetworkEvents', () => {
  it('passes online and offline on until stopped', () => {
    const target = new EventTarget();
    const sent: boolean[] = [];
    const stop = forwardNetworkEvents(target, (online) => sent.push(online));
    target.dispatchEvent(new Event('offline'));
    target.dispatchEvent(new Event('online'));
    stop();
    target.dispatchEvent(new Event('offline'));
    expect(sent).toEqual([false, true]);
  });
});
