import { EmitterImpl, SessionState, type Inviter } from 'sip.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Line } from '../lines/line.js';
import { createSilentLogger } from '../logging/logger.js';
import { startOutgoingCall } from './outgoing-call.js';

/** Just enough of an Inviter: the INVITE is out and rings; CANCEL gets no final response. */
function ringingInviter() {
  const stateChange = new EmitterImpl<SessionState>();
  const fake = {
    state: SessionState.Establishing as SessionState,
    stateChange,
    invite: () => new Promise(() => undefined),
    cancel: vi.fn(async () => {
      fake.state = SessionState.Terminating;
      stateChange.emit(SessionState.Terminating);
    }),
    dispose: vi.fn(async () => undefined),
  };
  return fake;
}

function outgoingLine(): Line {
  return new Line(
    {
      id: 'line-1',
      direction: 'outgoing',
      remoteNumber: '202',
      remoteName: '',
      calledNumber: null,
      calledLabel: null,
      callerNumber: null,
      startedAt: 0,
    },
    () => undefined,
  );
}

describe('startOutgoingCall hang-up while ringing', () => {
  afterEach(() => vi.useRealTimers());

  it('ends the line and releases the session when the CANCEL is never answered', async () => {
    vi.useFakeTimers();
    const inviter = ringingInviter();
    const line = outgoingLine();
    const control = startOutgoingCall({
      inviter: inviter as unknown as Inviter,
      line,
      now: () => 1_000,
      logger: createSilentLogger(),
      cancelGiveUpMs: 32_000,
    });
    line.markRingingOut(0);

    await control.hangup();
    expect(inviter.cancel).toHaveBeenCalledTimes(1);
    expect(line.state).toBe('ringingOut');

    vi.advanceTimersByTime(32_000);
    expect(line.snapshot()).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(inviter.dispose).toHaveBeenCalledTimes(1);
  });

  it('does not give up on a CANCEL that was answered in time', async () => {
    vi.useFakeTimers();
    const inviter = ringingInviter();
    const line = outgoingLine();
    const control = startOutgoingCall({
      inviter: inviter as unknown as Inviter,
      line,
      now: () => 1_000,
      logger: createSilentLogger(),
      cancelGiveUpMs: 32_000,
    });
    await control.hangup();
    // 487 arrives: SIP.js terminates the session, the line ends, the registry detaches
    inviter.state = SessionState.Terminated;
    inviter.stateChange.emit(SessionState.Terminated);
    await Promise.resolve();
    control.detach();
    expect(line.snapshot()).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(32_000);
    expect(inviter.dispose).not.toHaveBeenCalled();
  });
});
