import { EmitterImpl, SessionState, type Session, type SessionInviteOptions } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { negotiateHold } from './hold-negotiation.js';

/** Just what negotiateHold touches of a SIP.js Session; `answer` decides how the re-INVITE ends. */
function fakeSession(answer: (options: SessionInviteOptions, session: FakeSession) => void): FakeSession {
  const session: FakeSession = {
    state: SessionState.Established,
    stateChange: new EmitterImpl<SessionState>(),
    sessionDescriptionHandlerOptionsReInvite: {},
    sent: [],
    invite(options: SessionInviteOptions = {}) {
      // SIP.js keeps the options of the last re-INVITE for answering later re-offers
      if (options.sessionDescriptionHandlerOptions) session.sessionDescriptionHandlerOptionsReInvite = { ...options.sessionDescriptionHandlerOptions };
      session.sent.push(options);
      queueMicrotask(() => answer(options, session));
      return Promise.resolve({} as never);
    },
  };
  return session;
}

interface FakeSession {
  state: SessionState;
  stateChange: EmitterImpl<SessionState>;
  sessionDescriptionHandlerOptionsReInvite: Record<string, unknown>;
  sent: SessionInviteOptions[];
  invite(options?: SessionInviteOptions): Promise<never>;
}

const asSession = (fake: FakeSession): Session => fake as unknown as Session;

describe('negotiateHold', () => {
  it('offers hold (sendonly) and keeps it for later re-offers when the PBX accepts', async () => {
    const session = fakeSession((options) => options.requestDelegate?.onAccept?.({} as never));
    expect(await negotiateHold(asSession(session), true)).toBe('accepted');
    expect(session.sent[0]?.sessionDescriptionHandlerOptions).toEqual({ hold: true });
    expect(session.sessionDescriptionHandlerOptionsReInvite).toEqual({ hold: true });
  });

  it('puts the previous options back when the re-INVITE is refused, so a later re-offer is not answered on hold', async () => {
    const session = fakeSession((options) => options.requestDelegate?.onReject?.({} as never));
    session.sessionDescriptionHandlerOptionsReInvite = { hold: false, iceRestart: false };
    expect(await negotiateHold(asSession(session), true)).toBe('refused');
    expect(session.sessionDescriptionHandlerOptionsReInvite).toEqual({ hold: false, iceRestart: false });
  });

  it('counts a session that ends meanwhile, or a re-INVITE SIP.js will not send, as refused', async () => {
    const ending = fakeSession((_options, s) => s.stateChange.emit(SessionState.Terminated));
    expect(await negotiateHold(asSession(ending), true)).toBe('refused');
    const pending = fakeSession(() => undefined);
    pending.invite = () => Promise.reject(new Error('Reinvite in progress'));
    expect(await negotiateHold(asSession(pending), false)).toBe('refused');
  });
});
