import type { AudioRouteOutcome, MediaDeviceList } from '../../src-shared/contract/media-contract.js';
import type { MediaAudioDevice } from '../../src-shared/contract/media-contract.js';
import type { MediaSession } from './media-session.js';
import type { SharedMicrophone } from './shared-microphone.js';
import { SILENT_SIGNALS, type SignalPlayer, type SignalState } from './signal-player.js';

/** What the router needs from where the media host runs (all optional: see MediaHostEnvironment). */
export interface AudioRoutingEnvironment {
  listDevices?(): Promise<MediaAudioDevice[]>;
  /** route every call's remote audio (now and later) to this output */
  setSpeaker?(deviceId: string | null): Promise<AudioRouteOutcome>;
  /** outputs can be chosen at all (HTMLMediaElement.setSinkId exists) */
  canSelectSpeaker?: boolean;
  signals?: SignalPlayer;
}

const APPLIED: AudioRouteOutcome = { status: 'applied' };
const UNSUPPORTED: AudioRouteOutcome = { status: 'unsupported' };
const failed = (error: unknown): AudioRouteOutcome => ({
  status: 'failed',
  message: error instanceof Error ? error.message : String(error),
});

/**
 * Audio routing of the media host (issue 5 point 10): which microphone every call sends, which
 * output plays the calls, which one rings, and the local signals. Microphone switches reach live
 * calls through replaceTrack (no renegotiation); outputs through the environment's setSinkId.
 * A capability the environment lacks answers 'unsupported'; the calls go on either way.
 */
export class AudioRouter {
  private signalState: SignalState = SILENT_SIGNALS;

  constructor(
    private readonly env: AudioRoutingEnvironment,
    private readonly microphone: SharedMicrophone,
    private readonly sessions: () => Iterable<MediaSession>,
  ) {}

  async listDevices(): Promise<MediaDeviceList> {
    const devices = (await this.env.listDevices?.()) ?? [];
    return {
      devices: devices.map(({ kind, deviceId, label }) => ({ kind, deviceId, label: label.slice(0, 256) })),
      speakerSelection: this.env.canSelectSpeaker ?? false,
    };
  }

  async setMicrophone(deviceId: string | null): Promise<AudioRouteOutcome> {
    let stream: MediaStream | null;
    try {
      stream = await this.microphone.switchTo(deviceId);
    } catch (error) {
      return failed(error);
    }
    if (!stream) return APPLIED; // no call uses the microphone: the next one opens this device
    const switching: Promise<void>[] = [];
    for (const session of this.sessions()) {
      if (!session.usesMicrophone) continue;
      const track = stream.getAudioTracks()[0];
      if (!track) continue;
      switching.push(session.replaceMicrophone(typeof track.clone === 'function' ? track.clone() : track));
    }
    const results = await Promise.allSettled(switching);
    const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    return rejected ? failed(rejected.reason) : APPLIED;
  }

  async setSpeaker(deviceId: string | null): Promise<AudioRouteOutcome> {
    const calls = this.env.setSpeaker ? await this.guard(() => this.env.setSpeaker!(deviceId)) : UNSUPPORTED;
    // ringback and call waiting follow the call audio; their outcome matters less than the calls'
    if (this.env.signals) await this.guard(() => this.env.signals!.setSpeaker(deviceId));
    return calls;
  }

  setRinger(deviceId: string | null): Promise<AudioRouteOutcome> {
    const signals = this.env.signals;
    return signals ? this.guard(() => signals.setRinger(deviceId)) : Promise.resolve(UNSUPPORTED);
  }

  setSignals(state: SignalState): Promise<AudioRouteOutcome> {
    this.signalState = state;
    const signals = this.env.signals;
    return signals ? this.guard(() => signals.play(state)) : Promise.resolve(UNSUPPORTED);
  }

  get signals(): SignalState {
    return this.signalState;
  }

  dispose(): void {
    this.signalState = SILENT_SIGNALS;
    this.env.signals?.dispose();
  }

  private async guard(action: () => Promise<AudioRouteOutcome>): Promise<AudioRouteOutcome> {
    try {
      return await action();
    } catch (error) {
      return failed(error);
    }
  }
}
