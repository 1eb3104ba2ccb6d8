import { useCallback, useEffect, useRef, useState } from 'react';
import type { AudioDevices } from '../../../../src-shared/contract/requests/audio.js';
import { RINGTONES, type PhoneSettings, type Ringtone } from '../../../../src-shared/contract/requests/settings.js';
import type { AudioRouteOutcome } from '../../../../src-shared/contract/media-contract.js';
import { usePhoneIntents } from '../../../app/phone-context.js';
import { useT } from '../../../i18n/i18n-context.js';
import type { MessageKey } from '../../../i18n/ja.js';
import { userMessage } from '../../../store/phone-intents.js';
import { playTestTone, startLevelMeter, TEST_TONES, type LevelMeter } from './audio-check.js';

type Route = 'microphone' | 'speaker' | 'ringer';
const ROUTE_METHOD = { microphone: 'audio.setMicrophone', speaker: 'audio.setSpeaker', ringer: 'audio.setRinger' } as const;
const ROUTE_LABEL: Readonly<Record<Route, MessageKey>> = {
  microphone: 'settings.microphone',
  speaker: 'settings.speaker',
  ringer: 'settings.ringer',
};
const RINGTONE_LABEL: Readonly<Record<Ringtone, MessageKey>> = {
  classic: 'settings.ringtone.classic',
  chime: 'settings.ringtone.chime',
  pulse: 'settings.ringtone.pulse',
  silent: 'settings.ringtone.silent',
};

/** Microphone, speaker and ringer (each with a check), and the ringtone. */
export function AudioSettings({ settings }: { settings: PhoneSettings }) {
  const t = useT();
  const intents = usePhoneIntents();
  const [devices, setDevices] = useState<AudioDevices | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const chosen = settings.audio;

  const refresh = useCallback(async () => {
    const result = await intents.request('audio.listDevices', {});
    if (result.ok) setDevices(result.value);
    else setNotice(userMessage(result.error));
  }, [intents]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const choose = async (route: Route, value: string) => {
    setNotice(null);
    const result = await intents.request(ROUTE_METHOD[route], { deviceId: value === '' ? null : value });
    if (!result.ok) setNotice(userMessage(result.error));
    else setNotice(outcomeNotice(result.value, t));
  };

  const current: Readonly<Record<Route, string | null>> = { microphone: chosen.microphoneId, speaker: chosen.speakerId, ringer: chosen.ringerId };
  const optionsFor = (route: Route) => (route === 'microphone' ? devices?.microphones : devices?.speakers) ?? [];
  const outputsFixed = devices !== null && !devices.speakerSelection;

  return (
    <section className="panel settings__section" aria-labelledby="settings-audio-heading" data-testid="settings-audio">
      <h2 className="panel__heading" id="settings-audio-heading">
        {t('settings.audio')}
      </h2>
      <div className="settings__grid">
        {(['microphone', 'speaker', 'ringer'] as const).map((route) => (
          <div className="settings__row" key={route}>
            <label className="field__label" htmlFor={`settings-${route}`}>
              {t(ROUTE_LABEL[route])}
            </label>
            <select
              id={`settings-${route}`}
              className="field__control"
              data-testid={`settings-${route}`}
              value={current[route] ?? ''}
              disabled={route !== 'microphone' && outputsFixed}
              onChange={(event) => void choose(route, event.currentTarget.value)}
            >
              <option value="">{t('settings.systemDefault')}</option>
              {optionsFor(route)
                .filter((device) => device.deviceId !== 'default' && device.deviceId !== '')
                .map((device, index) => (
                  <option key={device.deviceId} value={device.deviceId}>
                    {device.label || `${t(ROUTE_LABEL[route])} ${index + 1}`}
                  </option>
                ))}
            </select>
            {route === 'microphone' ? (
              <MicrophoneMeter deviceId={current.microphone} />
            ) : (
              <TestToneButton route={route} deviceId={current[route]} />
            )}
          </div>
        ))}
        <div className="settings__row">
          <label className="field__label" htmlFor="settings-ringtone">
            {t('settings.ringtone')}
          </label>
          <select
            id="settings-ringtone"
            className="field__control"
            data-testid="settings-ringtone"
            value={chosen.ringtone}
            onChange={(event) => {
              const ringtone = event.currentTarget.value as Ringtone;
              void intents.request('audio.setRingtone', { ringtone }).then((result) => setNotice(result.ok ? null : userMessage(result.error)));
            }}
          >
            {RINGTONES.map((ringtone) => (
              <option key={ringtone} value={ringtone}>
                {t(RINGTONE_LABEL[ringtone])}
              </option>
            ))}
          </select>
        </div>
      </div>
      {outputsFixed && <p className="settings__hint">{t('settings.outputsFixed')}</p>}
      <div className="settings__actions">
        <button type="button" className="btn btn--quiet" onClick={() => void refresh()}>
          {t('settings.refreshDevices')}
        </button>
      </div>
      {notice && (
        <p className="settings__notice" role="status" data-testid="settings-audio-notice">
          {notice}
        </p>
      )}
    </section>
  );
}

function outcomeNotice(outcome: AudioRouteOutcome, t: ReturnType<typeof useT>): string | null {
  if (outcome.status === 'applied') return null;
  if (outcome.status === 'unsupported') return t('settings.routeUnsupported');
  return outcome.message;
}

function TestToneButton({ route, deviceId }: { route: 'speaker' | 'ringer'; deviceId: string | null }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'playing' | 'failed'>('idle');
  const play = async () => {
    setState('playing');
    try {
      await playTestTone(TEST_TONES[route], deviceId);
      setState('idle');
    } catch (error) {
      console.warn('[plusphone] test tone failed', error);
      setState('failed');
    }
  };
  return (
    <span className="settings__check">
      <button type="button" className="btn btn--quiet" data-testid={`settings-test-${route}`} disabled={state === 'playing'} onClick={() => void play()}>
        {t(state === 'playing' ? 'settings.testPlaying' : 'settings.testTone')}
      </button>
      {state === 'failed' && (
        <span className="form-error" role="alert">
          {t('settings.testFailed')}
        </span>
      )}
    </span>
  );
}

/** Microphone level while the check runs (stopped when it is turned off or the view closes). */
function MicrophoneMeter({ deviceId }: { deviceId: string | null }) {
  const t = useT();
  const [on, setOn] = useState(false);
  const [level, setLevel] = useState(0);
  const [failed, setFailed] = useState(false);
  const meter = useRef<LevelMeter | null>(null);
  useEffect(() => {
    if (!on) return;
    let stopped = false;
    let frame = 0;
    setFailed(false);
    startLevelMeter(deviceId).then(
      (started) => {
        if (stopped) {
          started.stop();
          return;
        }
        meter.current = started;
        const tick = () => {
          setLevel(started.level());
          frame = requestAnimationFrame(tick);
        };
        tick();
      },
      (error: unknown) => {
        console.warn('[plusphone] microphone check failed', error);
        if (!stopped) {
          setFailed(true);
          setOn(false);
        }
      },
    );
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      meter.current?.stop();
      meter.current = null;
      setLevel(0);
    };
  }, [on, deviceId]);
  return (
    <span className="settings__check">
      <button type="button" className="btn btn--quiet" aria-pressed={on} data-testid="settings-test-microphone" onClick={() => setOn((value) => !value)}>
        {t(on ? 'settings.meterStop' : 'settings.meterStart')}
      </button>
      <meter className="settings__meter" min={0} max={1} low={0.05} high={0.9} value={level} aria-label={t('settings.micLevel')} data-testid="settings-mic-level" data-level={level.toFixed(3)} />
      {failed && (
        <span className="form-error" role="alert">
          {t('settings.meterFailed')}
        </span>
      )}
    </span>
  );
}
