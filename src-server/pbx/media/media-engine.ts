/**
 * Creates the media of call legs and knows which peer connections are open, so the PBX can
 * report them and close every one of them on shutdown.
 */
import { type AudioCodecPreference } from './codec-preference.js';
import { LegMedia } from './leg-media.js';
import { PeerConnectionPool } from './peer-connection-pool.js';
import { type MediaAddressPolicy } from './sdp-filter.js';
import { type PbxLogger } from '../logger.js';

export interface MediaEngineOptions {
  policy: MediaAddressPolicy;
  logger: PbxLogger;
  warmPeerConnections: number;
  gatheringTimeoutMs?: number;
  /** default 'opus' */
  audioCodec?: AudioCodecPreference;
}

export class MediaEngine {
  /** legs whose peer connection is not closed yet (closing ones included) */
  private readonly open = new Set<LegMedia>();
  private readonly pool: PeerConnectionPool;
  private closed = false;

  constructor(private readonly options: MediaEngineOptions) {
    this.pool = new PeerConnectionPool({ size: options.warmPeerConnections, maxIdleMs: 5 * 60_000 });
  }

  /** peer connections in use by legs (the warm pool is not counted) */
  get peerConnections(): number {
    return this.open.size;
  }

  /** frames the open legs' sinks handed to JavaScript (a native bridge takes none) */
  get framesIntoJs(): number {
    let frames = 0;
    for (const media of this.open) frames += media.counters.framesReceived;
    return frames;
  }

  get warmPeerConnections(): number {
    return this.pool.idleCount;
  }

  createLegMedia(): LegMedia {
    if (this.closed) throw new Error('media engine closed');
    const media = new LegMedia({
      pc: this.pool.take(),
      policy: this.options.policy,
      gatheringTimeoutMs: this.options.gatheringTimeoutMs ?? 2000,
      audioCodec: this.options.audioCodec ?? 'opus',
      logger: this.options.logger,
      onClosed: (closed) => this.open.delete(closed),
    });
    this.open.add(media);
    return media;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pool.close();
    await Promise.all([...this.open].map((media) => media.close()));
  }
}
