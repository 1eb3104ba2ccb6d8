import { describe, expect, it } from 'vitest';
import { emptyPhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { FakeWebContents, recordingLogger } from '../testing/fake-electron.js';
import { TopicPublisher } from './topic-publisher.js';

describe('TopicPublisher', () => {
  it('sends the event on plusphone:<topic> to every live target and skips destroyed ones', () => {
    const a = new FakeWebContents();
    const b = new FakeWebContents();
    const gone = new FakeWebContents();
    gone.destroyed = true;
    const publisher = new TopicPublisher(() => [a, gone, b], recordingLogger());
    const snapshot = { ...emptyPhoneSnapshot(), version: 7 };
    publisher.publish('phone.snapshot', snapshot);
    expect(a.sent).toEqual([{ channel: 'plusphone:phone.snapshot', args: [snapshot] }]);
    expect(b.sent).toEqual([{ channel: 'plusphone:phone.snapshot', args: [snapshot] }]);
    expect(gone.sent).toEqual([]);
  });

  it('keeps delivering to the others when one send throws', () => {
    const broken = new FakeWebContents();
    broken.send = () => {
      throw new Error('Render frame was disposed');
    };
    const ok = new FakeWebContents();
    const logger = recordingLogger();
    new TopicPublisher(() => [broken, ok], logger).publish('phone.snapshot', emptyPhoneSnapshot());
    expect(ok.sent).toHaveLength(1);
    expect(logger.entries.map((e) => e.level)).toEqual(['warn']);
  });
});
