import { describe, expect, it } from 'vitest';
import { emptyPhoneSnapshot, type LineSnapshot } from '../../../../src-shared/domain/phone-snapshot.js';
import type { PhoneIntents } from '../../../store/phone-intents.js';
import { createPhoneStore } from '../../../store/phone-store.js';
import { runShortcut } from './use-app-shortcuts.js';

const line = (id: string, over: Partial<LineSnapshot>): LineSnapshot => ({
  id,
  direction: 'incoming',
  state: 'connected',
  remoteNumber: '0312345678',
  remoteName: '',
  calledNumber: null,
  calledLabel: null,
  callerNumber: null,
  startedAt: 1,
  connectedAt: null,
  endedAt: null,
  endReason: null,
  ...over,
});

function setup(lines: LineSnapshot[]) {
  const store = createPhoneStore({ ...emptyPhoneSnapshot(), version: 1, lines });
  const calls: unknown[][] = [];
  const intents = {
    answer: async (id: string) => void calls.push(['answer', id]),
    reject: async (id: string) => void calls.push(['reject', id]),
    hangup: async (id: string) => void calls.push(['hangup', id]),
    lineRequest: async (method: string, args: unknown) => (calls.push([method, args]), true),
    request: async (method: string) =>
      method === 'history.list' ? { ok: true, value: [{ id: 42 }] } : { ok: false, error: { code: 'internal', message: '' } },
  } as unknown as PhoneIntents;
  return { run: (action: Parameters<typeof runShortcut>[0]) => runShortcut(action, store, intents), calls };
}

describe('in-app shortcut actions', () => {
  it('answer takes the oldest ringing call; hang-up ends the call in progress, else declines', async () => {
    const talking = setup([line('talk', {}), line('ring2', { state: 'ringingIn', startedAt: 5 }), line('ring1', { state: 'ringingIn', startedAt: 3 })]);
    await talking.run('answer');
    await talking.run('hangup');
    expect(talking.calls).toEqual([['answer', 'ring1'], ['hangup', 'talk']]);
    const ringing = setup([line('ring', { state: 'ringingIn' })]);
    await ringing.run('hangup');
    expect(ringing.calls).toEqual([['reject', 'ring']]);
  });

  it('hold toggles, mute toggles, park parks; nothing happens without a call', async () => {
    const held = setup([line('h', { state: 'held' })]);
    await held.run('hold');
    await held.run('mute');
    expect(held.calls).toEqual([['call.resume', { lineId: 'h' }]]);
    const talking = setup([line('t', { muted: true })]);
    await talking.run('mute');
    await talking.run('park');
    await talking.run('hold');
    expect(talking.calls).toEqual([
      ['call.mute', { lineId: 't', muted: false }],
      ['call.park', { lineId: 't' }],
      ['call.hold', { lineId: 't' }],
    ]);
    const idle = setup([]);
    for (const action of ['answer', 'hangup', 'hold', 'mute', 'park'] as const) await idle.run(action);
    expect(idle.calls).toEqual([]);
  });

  it('redial calls back the newest outgoing entry of the history', async () => {
    const idle = setup([]);
    await idle.run('redial');
    expect(idle.calls).toEqual([['history.callback', { entryId: 42 }]]);
  });
});
