import type { HandlersOf } from '../../../src-shared/contract/define.js';
import type { audioRequests } from '../../../src-shared/contract/requests/audio.js';
import type { AudioRouting } from './audio-routing.js';

export function audioHandlers(audio: AudioRouting): HandlersOf<typeof audioRequests> {
  return {
    'audio.listDevices': () => audio.listDevices(),
    'audio.setMicrophone': ({ deviceId }) => audio.choose('microphone', deviceId),
    'audio.setSpeaker': ({ deviceId }) => audio.choose('speaker', deviceId),
    'audio.setRinger': ({ deviceId }) => audio.choose('ringer', deviceId),
    'audio.setRingtone': ({ ringtone }) => audio.chooseRingtone(ringtone),
  };
}
