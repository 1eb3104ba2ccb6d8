import { dispatchRequest } from '../../src-shared/contract/dispatch.js';
import { mediaRequests } from '../../src-shared/contract/media-contract.js';
import { MediaHost } from '../media/media-host.js';
import type { MediaRequestHandler } from '../client/renderer-bridge.js';
import type { MediaAudioDevice } from '../../src-shared/contract/media-contract.js';
import { BrowserSignalPlayer } from './browser-signal-player.js';
import { RemoteAudioPlayers, supportsSinkId } from './remote-audio-players.js';

export interface BrowserMediaHost {
  readonly host: MediaHost;
  /** answers main's media requests (validated against the media contract) */
  readonly serve: MediaRequestHandler;
  dispose(): void;
}

/**
 * The media host in a browser window: the page's own WebRTC and microphone, remote audio in
 * hidden audio elements under `audioContainer`. Used by the hidden Electron media window and
 * by the browser-host page.
 */
export function createBrowserMediaHost(win: Window & typeof globalThis, audioContainer: HTMLElement): BrowserMediaHost {
  const players = new RemoteAudioPlayers(audioContainer);
  const host = new MediaHost({
    RTCPeerConnection: win.RTCPeerConnection,
    getMicrophone: (deviceId) =>
      win.navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { exact: deviceId } } : true, video: false }),
    listDevices: () => listAudioDevices(win),
    canSelectSpeaker: supportsSinkId(audioContainer.ownerDocument),
    setSpeaker: async (deviceId) => ({ status: await players.setSinkId(deviceId) }),
    signals: new BrowserSignalPlayer(win, audioContainer),
    onRemoteStream: (sdhId, stream) => players.play(sdhId, stream),
    onSessionClosed: (sdhId) => players.stop(sdhId),
    onMicrophoneError: (error) => console.warn('[plusphone] microphone unavailable', error),
  });
  return {
    host,
    serve: (method, args) => dispatchRequest(mediaRequests, host.handlers, method, args),
    dispose: () => {
      host.dispose();
      players.stopAll();
    },
  };
}

/** Microphones and outputs; labels are empty until the page was allowed the microphone once. */
async function listAudioDevices(win: Window): Promise<MediaAudioDevice[]> {
  const devices = await win.navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((device): device is MediaDeviceInfo & { kind: 'audioinput' | 'audiooutput' } => device.kind === 'audioinput' || device.kind === 'audiooutput')
    .map((device) => ({ kind: device.kind, deviceId: device.deviceId, label: device.label }));
}
