import type { AudioRouteOutcome } from '../../../src-shared/contract/media-contract.js';
import type { AudioDevices } from '../../../src-shared/contract/requests/audio.js';
import type { PhoneSettings, Ringtone } from '../../../src-shared/contract/requests/settings.js';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import type { LineSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import type { MediaHostLink } from '../media/media-host-link.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { SerialQueue } from '../support/serial-queue.js';
import { NO_SIGNALS, sameSignals, signalsFor, type AudioSignals } from './audio-signals.js';

type Device = 'microphone' | 'speaker' | 'ringer';
type AudioChoice = PhoneSettings['audio'];

const SETTING_OF: Record<Device, 'microphoneId' | 'speakerId' | 'ringerId'> = {
  microphone: 'microphoneId',
  speaker: 'speakerId',
  ringer: 'ringerId',
};
const METHOD_OF = { microphone: 'media.setMicrophone', speaker: 'media.setSpeaker', ringer: 'media.setRinger' } as const;

export interface AudioRoutingOptions {
  mediaHost: MediaHostLink;
  settings: SettingsStore;
  logger: Logger;
}

/**
 * The core's side of audio routing: the device choices live in settings and are sent to the
 * media host whenever they change (and once at start when they are not the defaults); the local
 * signals (ringtone, ringback, call waiting) follow the lines. Requests to the media host go out
 * one at a time, in order; a failure is logged and never reaches the SIP side.
 */
export class AudioRouting {
  private readonly queue = new SerialQueue();
  /** what the media host was last told (null = system default, which it starts with) */
  private readonly applied: Record<Device, string | null> = { microphone: null, speaker: null, ringer: null };
  private readonly pending = new Map<Device, Promise<AudioRouteOutcome>>();
  private signals: AudioSignals = NO_SIGNALS;
  private lines: readonly LineSnapshot[] = [];
  private unsubscribe: (() => void) | undefined;
  private disposed = false;

  constructor(private readonly options: AudioRoutingOptions) {}

  start(): void {
    if (this.unsubscribe || this.disposed) return;
    this.unsubscribe = this.options.settings.subscribe((settings) => {
      this.applyChoices(settings.audio);
      this.updateSignals();
    });
    this.applyChoices(this.options.settings.get().audio);
  }

  /** The lines changed: start or stop the local signals they call for. */
  linesChanged(lines: readonly LineSnapshot[]): void {
    this.lines = lines;
    this.updateSignals();
  }

  async listDevices(): Promise<AudioDevices> {
    const list = await this.options.mediaHost.request('media.listDevices', {});
    return {
      microphones: list.devices.filter((device) => device.kind === 'audioinput'),
      speakers: list.devices.filter((device) => device.kind === 'audiooutput'),
      speakerSelection: list.speakerSelection,
      chosen: this.options.settings.get().audio,
    };
  }

  /** Save the choice and report what the media host made of it. */
  async choose(device: Device, deviceId: string | null): Promise<AudioRouteOutcome> {
    this.options.settings.update({ audio: { [SETTING_OF[device]]: deviceId } });
    // unchanged setting: nothing was sent; say what the host did with it last
    return (await this.pending.get(device)) ?? { status: 'applied' };
  }

  chooseRingtone(ringtone: Ringtone): null {
    this.options.settings.update({ audio: { ringtone } });
    return null;
  }

  /** Resolves when every request sent so far has been answered (tests, diagnostics). */
  whenIdle(): Promise<void> {
    return this.queue.run(() => Promise.resolve());
  }

  /** Silence every signal (logout, dispose). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe?.();
    if (!sameSignals(this.signals, NO_SIGNALS)) void this.send('media.setSignals', { ...NO_SIGNALS });
    this.signals = NO_SIGNALS;
  }

  private applyChoices(choice: AudioChoice): void {
    for (const device of ['microphone', 'speaker', 'ringer'] as const) {
      const wanted = choice[SETTING_OF[device]];
      if (wanted === this.applied[device]) continue;
      this.applied[device] = wanted;
      this.pending.set(device, this.send(METHOD_OF[device], { deviceId: wanted }));
    }
  }

  private updateSignals(): void {
    if (this.disposed) return;
    const next = signalsFor(this.lines, this.options.settings.get().audio.ringtone);
    if (sameSignals(next, this.signals)) return;
    this.signals = next;
    void this.send('media.setSignals', { ...next });
  }

  private send<M extends 'media.setMicrophone' | 'media.setSpeaker' | 'media.setRinger' | 'media.setSignals'>(
    method: M,
    args: M extends 'media.setSignals' ? AudioSignals : { deviceId: string | null },
  ): Promise<AudioRouteOutcome> {
    return this.queue.run(async () => {
      try {
        const outcome = await this.options.mediaHost.request(method, args as never);
        if (outcome.status === 'failed') this.options.logger.warn('audio routing failed in the media host', { method, message: outcome.message });
        return outcome;
      } catch (error) {
        this.options.logger.warn('audio routing request failed', { method, error: errorMessage(error) });
        const message = error instanceof ContractFailure ? error.message : 'メディアに接続できません';
        return { status: 'failed', message } as const;
      }
    });
  }
}
