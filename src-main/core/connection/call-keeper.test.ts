import { SessionState, type Session } from 'sip.js';
import { describe, expect, it } from 'vitest';
import type { LineEndReason } from '../../../src-shared/domain/phone-snapshot.js';
import type { CallControl } from '../lines/call-control.js';
import { Line } from '../lines/line.js';
import type { LineEntry } from '../lines/line-registry.js';
import { createSilentLogger } from '../logging/logger.js';
import { CallKeeper } from './call-keeper.js';
import { ManualScheduler } from './manual-scheduler.fixture.js';

interface ReinviteCall {
  options: { sessionDescriptionHandlerOptions?: unknown; requestDelegate?: { onAccept?: () => void; onReject?: (response: unknown) => void } };
}

/** The part of a SIP.js session the keeper touches, recording what it was asked. */
class FakeSession {
  state: SessionState = SessionState.Established;
  sessionDescriptionHandlerOptionsReInvite: unknown = { hold: true };
  reinvites: ReinviteCall[] = [];
  disposed = false;
  mediaClosed = false;
  sessionDescriptionHandler = { close: () => (this.mediaClosed = true) };

  invite(options: ReinviteCall['options']): Promise<unknown> {
    this.reinvites.push({ options });
    return Promise.resolve({});
  }

  dispose(): Promise<void> {
    this.disposed = true;
    return Promise.resolve();
  }

  answer(status: number): void {
    const delegate = this.reinvites.at(-1)?.options.requestDelegate;
    if (status < 300) delegate?.onAccept?.();
    else delegate?.onReject?.({ message: { statusCode: status } });
  }
}

function entry(id: string, established: boolean): { entry: LineEntry; session: FakeSession; expected: LineEndReason[] } {
  const line = new Line(
    { id, direction: 'outgoing', remoteNumber: '202', remoteName: '', calledNumber: null, calledLabel: null, callerNumber: null, startedAt: 0 },
    () => undefined,
  );
  if (established) line.markConnected(1);
  const session = new FakeSession();
  if (!established) session.state = SessionState.Establishing;
  const expected: LineEndReason[] = [];
  const control: CallControl = {
    session: session as unknown as Session,
    readyForReinvite: () => Promise.resolve(),
    answer: () => Promise.resolve(),
    reject: () => Promise.resolve(),
    hangup: () => Promise.resolve(),
    expectEnd: (reason?: LineEndReason) => {
      if (reason) expected.push(reason);
    },
    detach: () => undefined,
  } as CallControl;
  return { entry: { line, control }, session, expected };
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

function keeperFor(entries: LineEntry[], timers = new ManualScheduler()) {
  const keeper = new CallKeeper({
    liveEntries: () => entries.filter((e) => e.line.isLive),
    now: () => 42,
    logger: createSilentLogger(),
    scheduler: timers,
    reinviteTimeoutMs: 60_000,
  });
  return { keeper, timers };
}

describe('CallKeeper', () => {
  it('a lost connection ends calls being set up at once and keeps established ones for the grace period', () => {
    const dialing = entry('line-1', false);
    const talking = entry('line-2', true);
    const { keeper, timers } = keeperFor([dialing.entry, talking.entry]);
    keeper.connectionLost();
    expect(dialing.entry.line.snapshot()).toMatchObject({ state: 'ended', endReason: 'failed', endedAt: 42 });
    expect(dialing.expected).toEqual(['failed']);
    expect(dialing.session.mediaClosed && dialing.session.disposed).toBe(true);
    expect(talking.entry.line.state).toBe('connected');
    expect(talking.session.mediaClosed).toBe(false);
    expect(timers.pending).toBe(1);

    timers.fireAll(); // the connection did not come back in time
    expect(talking.entry.line.snapshot()).toMatchObject({ state: 'ended', endReason: 'failed' });
    expect(talking.session.mediaClosed && talking.session.disposed).toBe(true);
  });

  it('after reconnecting, each established call is re-INVITEd with an ICE restart, keeping its hold state', async () => {
    const talking = entry('line-1', true);
    const { keeper, timers } = keeperFor([talking.entry]);
    keeper.connectionLost();
    const restarted = keeper.reconnected();
    expect(timers.pending).toBe(0); // grace over: the connection is back
    expect(talking.session.reinvites).toHaveLength(1);
    expect(talking.session.reinvites[0]!.options.sessionDescriptionHandlerOptions).toEqual({
      hold: true,
      iceRestart: true,
      offerOptions: { iceRestart: true },
    });
    talking.session.answer(200);
    await restarted;
    expect(talking.entry.line.state).toBe('connected');
    // later re-INVITEs (hold, resume) must not restart ICE again
    expect(talking.session.sessionDescriptionHandlerOptionsReInvite).toEqual({ hold: true });
  });

  it('481 or 408 to the restart: the far end forgot the call, it ends as failed; 491 keeps it', async () => {
    const gone = entry('line-1', true);
    const timedOut = entry('line-2', true);
    const glare = entry('line-3', true);
    const { keeper } = keeperFor([gone.entry, timedOut.entry, glare.entry]);
    const restarted = keeper.reconnected();
    gone.session.answer(481);
    timedOut.session.answer(408);
    glare.session.answer(491);
    await restarted;
    await flush();
    expect(gone.entry.line.snapshot()).toMatchObject({ state: 'ended', endReason: 'failed' });
    expect(timedOut.entry.line.snapshot()).toMatchObject({ state: 'ended', endReason: 'failed' });
    expect(glare.entry.line.state).toBe('connected');
    expect(gone.session.disposed && !glare.session.disposed).toBe(true);
  });

  it('does nothing after dispose', () => {
    const talking = entry('line-1', true);
    const { keeper, timers } = keeperFor([talking.entry]);
    keeper.connectionLost();
    keeper.dispose();
    expect(timers.pending).toBe(0);
    keeper.connectionLost();
    expect(timers.pending).toBe(0);
    expect(talking.entry.line.state).toBe('connected');
  });
});
