/** The one place the PBX touches @roamhq/wrtc: its classes and the audio frame shape. */
import wrtc from '@roamhq/wrtc';

export const { RTCPeerConnection, MediaStream } = wrtc;
export const { RTCAudioSource, RTCAudioSink } = wrtc.nonstandard;

export type RTCAudioSourceInstance = InstanceType<typeof RTCAudioSource>;
export type RTCAudioSinkInstance = InstanceType<typeof RTCAudioSink>;

/** 10 ms of PCM as RTCAudioSink delivers it and RTCAudioSource.onData takes it. */
export interface AudioFrame {
  samples: Int16Array;
  sampleRate: number;
  bitsPerSample: number;
  channelCount: number;
  numberOfFrames: number;
}
