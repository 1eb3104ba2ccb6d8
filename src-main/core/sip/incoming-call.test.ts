import { SessionState, type Invitation } from 'sip.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSilentLogger } from '../logging/logger.js';
import { Line } from '../lines/line.js';
import { ACK_WAIT_MS, bindIncomingCall } from './incoming-call.js';

/** The part of a SIP.js Invitation that bindIncomingCall uses; `to` moves it as SIP.js would. */
function fakeInvitation() {
  const listeners = new Set<(state: SessionState) => void>();
  const invitation = {
    state: SessionState.Initial as SessionState,
    delegate: undefined as Invitation['delegate'],
    autoSendAnInitialProvisionalResponse: true,
    stateChange: {
      addListener: (listener: (state: SessionState) => void) => listeners.add(listener),
      removeListener: (listener: (state: SessionState) => void) => listeners.delete(listener),
    },
    accept: async () => {
      invitation.to(SessionState.Establishing);
      // SIP.js is established once its 200 OK is sent, before the ACK comes back
      invitation.to(SessionState.Established);
    },
    to(state: SessionState) {
      invitation.state = state;
      for (const listener of listeners) listener(state);
    },
    ack() {
      invitation.delegate?.onAck?.({} as never);
    },
  };
  return invitation;
}

function bind() {
  const invitation = fakeInvitation();
  const line = new Line(
    { id: 'line-1', direction: 'incoming', remoteNumber: '201', remoteName: '', calledNumber: null, calledLabel: null, callerNumber: null, startedAt: 0 },
    () => undefined,
  );
  const control = bindIncomingCall({ invitation: invitation as unknown as Invitation, line, now: () => 1, logger: createSilentLogger() });
  return { invitation, line, control };
}

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

describe('bindIncomingCall: a re-INVITE waits for the ACK of our 200 OK', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is not ready between the 200 OK and its ACK, and is ready from the ACK on', async () => {
    const { invitation, line, control } = bind();
    await control.answer();
    expect(line.state).toBe('connected');
    const ready = control.readyForReinvite();
    expect(await settled(ready)).toBe(false);
    invitation.ack();
    expect(await settled(ready)).toBe(true);
    expect(await settled(control.readyForReinvite())).toBe(true);
  });

  it('stops waiting when the call ends, and after ACK_WAIT_MS without an ACK', async () => {
    const ended = bind();
    await ended.control.answer();
    const waiting = ended.control.readyForReinvite();
    ended.invitation.to(SessionState.Terminated);
    expect(await settled(waiting)).toBe(true);

    vi.useFakeTimers();
    const silent = bind();
    await silent.control.answer();
    const late = silent.control.readyForReinvite();
    vi.advanceTimersByTime(ACK_WAIT_MS - 1);
    expect(await settled(late)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await settled(late)).toBe(true);
  });
});
