import { afterEach, describe, expect, it } from 'vitest';
import type { MediaArgs, MediaMethod, MediaResult } from '../../../src-shared/contract/media-contract.js';
import type { LineSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { createSilentLogger } from '../logging/logger.js';
import type { MediaHostLink } from '../media/media-host-link.js';
import { SettingsStore } from '../settings/settings-store.js';
import { LocalDatabase } from '../storage/local-database.js';
import { AudioRouting } from './audio-routing.js';
import { signalsFor } from './audio-signals.js';

const line = (overrides: Partial<LineSnapshot>): LineSnapshot => ({
  id: 'line-1',
  direction: 'incoming',
  state: 'ringingIn',
  remoteNumber: '0312345678',
  remoteName: '',
  calledNumber: null,
  calledLabel: null,
  callerNumber: null,
  startedAt: 0,
  connectedAt: null,
  endedAt: null,
  endReason: null,
  ...overrides,
});

describe('signalsFor', () => {
  it('rings with the chosen ringtone when idle, beeps call waiting during a call', () => {
    expect(signalsFor([line({})], 'chime')).toEqual({ ringtone: 'chime', ringback: false, callWaiting: false });
    expect(signalsFor([line({ id: 'line-2', state: 'held' }), line({})], 'chime')).toEqual({ ringtone: null, ringback: false, callWaiting: true });
    expect(signalsFor([line({ autoAnswered: true })], 'chime').ringtone).toBeNull();
  });

  it('plays ringback while a call rings out without early media, and stops at answer or early media', () => {
    const out = line({ direction: 'outgoing', state: 'ringingOut' });
    expect(signalsFor([out], 'classic').ringback).toBe(true);
    expect(signalsFor([{ ...out, earlyMedia: true }], 'classic').ringback).toBe(false);
    expect(signalsFor([{ ...out, state: 'dialing' }], 'classic').ringback).toBe(false);
    expect(signalsFor([{ ...out, state: 'connected' }], 'classic').ringback).toBe(false);
  });
});

class RecordingMediaHost implements MediaHostLink {
  readonly requests: Array<{ method: MediaMethod; args: unknown }> = [];
  answer: (method: MediaMethod) => unknown = () => ({ status: 'applied' });
  async request<M extends MediaMethod>(method: M, args: MediaArgs<M>): Promise<MediaResult<M>> {
    this.requests.push({ method, args });
    const value = this.answer(method);
    if (value instanceof Error) throw value;
    return value as MediaResult<M>;
  }
  of(method: MediaMethod): unknown[] {
    return this.requests.filter((r) => r.method === method).map((r) => r.args);
  }
}

const databases: LocalDatabase[] = [];
afterEach(() => {
  for (const db of databases.splice(0)) db.close();
});
function setup() {
  const local = LocalDatabase.open();
  databases.push(local);
  const settings = new SettingsStore(local.db, createSilentLogger());
  const host = new RecordingMediaHost();
  const routing = new AudioRouting({ mediaHost: host, settings, logger: createSilentLogger() });
  return { settings, host, routing };
}

describe('AudioRouting', () => {
  it('sends nothing at start with default choices, and the saved choices when there are some', async () => {
    const idle = setup();
    idle.routing.start();
    expect(idle.host.requests).toEqual([]);

    const chosen = setup();
    chosen.settings.update({ audio: { microphoneId: 'mic-2', ringerId: 'desk-speaker' } });
    chosen.routing.start();
    await chosen.routing.whenIdle();
    expect(chosen.host.requests.map((r) => r.method)).toEqual(['media.setMicrophone', 'media.setRinger']);
    expect(chosen.host.of('media.setMicrophone')).toEqual([{ deviceId: 'mic-2' }]);
  });

  it('a choice is saved in settings and its media-host outcome returned ("unsupported" included)', async () => {
    const { settings, host, routing } = setup();
    routing.start();
    host.answer = (method) => (method === 'media.setSpeaker' ? { status: 'unsupported' } : { status: 'applied' });
    expect(await routing.choose('speaker', 'headset')).toEqual({ status: 'unsupported' });
    expect(settings.get().audio.speakerId).toBe('headset');
    expect(await routing.choose('microphone', 'usb-mic')).toEqual({ status: 'applied' });
    expect(host.of('media.setMicrophone')).toEqual([{ deviceId: 'usb-mic' }]);
  });

  it('a media host that is gone yields a failed outcome, never a throw', async () => {
    const { host, routing } = setup();
    routing.start();
    host.answer = () => new Error('link closed');
    expect(await routing.choose('ringer', 'x')).toEqual({ status: 'failed', message: 'メディアに接続できません' });
  });

  it('signals follow the lines and the ringtone setting, sent only when they change', async () => {
    const { host, routing } = setup();
    routing.start();
    routing.linesChanged([line({})]);
    routing.linesChanged([line({ remoteName: 'same signals' })]);
    routing.chooseRingtone('pulse');
    routing.linesChanged([line({ state: 'connected' })]);
    routing.linesChanged([line({ direction: 'outgoing', state: 'ringingOut' })]);
    routing.dispose();
    await routing.whenIdle();
    expect(host.of('media.setSignals')).toEqual([
      { ringtone: 'classic', ringback: false, callWaiting: false },
      { ringtone: 'pulse', ringback: false, callWaiting: false },
      { ringtone: null, ringback: false, callWaiting: false },
      { ringtone: null, ringback: true, callWaiting: false },
      { ringtone: null, ringback: false, callWaiting: false },
    ]);
  });
});
