import { z } from 'zod';
import type { AudioRouteOutcome, MediaAudioDevice } from '../media-contract.js';
import { request } from '../define.js';
import { RINGTONES, type PhoneSettings } from './settings.js';

/** A device id from audio.listDevices; null = the system default. */
const deviceId = z.string().min(1).max(256).nullable();

export interface AudioDevices {
  microphones: MediaAudioDevice[];
  speakers: MediaAudioDevice[];
  /** outputs can be chosen where the media host runs (setSinkId) */
  speakerSelection: boolean;
  /** the choices in settings */
  chosen: PhoneSettings['audio'];
}

/**
 * Audio routing (issue 5 point 10): each choice is saved in settings (`audio` section) and sent to
 * the media host, which applies it to live calls too. The outcome says whether the host could:
 * 'unsupported' (e.g. no setSinkId there) keeps the default output and the call goes on.
 */
export const audioRequests = {
  'audio.listDevices': request<AudioDevices>()(z.object({})),
  'audio.setMicrophone': request<AudioRouteOutcome>()(z.object({ deviceId })),
  'audio.setSpeaker': request<AudioRouteOutcome>()(z.object({ deviceId })),
  'audio.setRinger': request<AudioRouteOutcome>()(z.object({ deviceId })),
  'audio.setRingtone': request<null>()(z.object({ ringtone: z.enum(RINGTONES) })),
};
