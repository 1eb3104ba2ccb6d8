/**
 * The microphone, opened once and shared by every call: opened when the first session asks,
 * closed (tracks stopped, the OS indicator goes off) when the last one is gone. The device is
 * chosen with `switchTo`: while calls use the microphone the new device is opened first and the
 * old one stopped only after it worked, so a failed switch leaves the calls as they were.
 */
export class SharedMicrophone {
  private stream: Promise<MediaStream> | null = null;
  private users = 0;
  private device: string | null = null;

  constructor(private readonly open: (deviceId: string | null) => Promise<MediaStream>) {}

  /** the chosen device (null = the system default) */
  get deviceId(): string | null {
    return this.device;
  }

  /**
   * A track of the microphone for one session (a clone, so muting one call mutes only it).
   * Every acquire() must be paired with one release(). Resolves null when there is no microphone.
   * A switch that happens meanwhile is followed: the track comes from the stream in use at the end.
   */
  async acquire(): Promise<MediaStreamTrack | null> {
    this.users += 1;
    let pending = this.stream ?? this.openStream();
    let stream = await pending;
    while (this.stream !== null && this.stream !== pending) {
      pending = this.stream;
      stream = await pending;
    }
    return cloneOf(stream);
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users > 0 || !this.stream) return;
    const stream = this.stream;
    this.stream = null;
    stream.then(stopAll, () => undefined);
  }

  /**
   * Choose the device. Nothing is open (no call): only remembered, resolves null. Otherwise the
   * new device is opened; on success the old stream is stopped and a fresh track per user is
   * made with `trackFor` by the caller (resolves the new stream); on failure the old stream stays
   * in use and the error is thrown.
   */
  async switchTo(deviceId: string | null): Promise<MediaStream | null> {
    const previousDevice = this.device;
    this.device = deviceId;
    const previous = this.stream;
    if (!previous || this.users === 0) return null;
    const next = this.open(deviceId);
    this.stream = next;
    try {
      const opened = await next;
      if (this.stream !== next) {
        // released (or switched again) while opening: this stream is nobody's
        stopAll(opened);
        return null;
      }
      previous.then(stopAll, () => undefined);
      return opened;
    } catch (error) {
      if (this.stream === next) this.stream = previous;
      this.device = previousDevice;
      throw error;
    }
  }

  /** A new track of the stream in use (for a session whose track is being replaced). */
  async currentTrack(): Promise<MediaStreamTrack | null> {
    if (!this.stream) return null;
    return cloneOf(await this.stream);
  }

  /** Stop the microphone now, whoever still uses it (media host disposal). */
  dispose(): void {
    this.users = 0;
    const stream = this.stream;
    this.stream = null;
    stream?.then(stopAll, () => undefined);
  }

  private openStream(): Promise<MediaStream> {
    const stream = this.open(this.device);
    this.stream = stream;
    // a refused permission must not be remembered: the next call asks again
    stream.catch(() => {
      if (this.stream === stream) this.stream = null;
    });
    return stream;
  }
}

function cloneOf(stream: MediaStream): MediaStreamTrack | null {
  const track = stream.getAudioTracks()[0];
  if (!track) return null;
  return typeof track.clone === 'function' ? track.clone() : track;
}

function stopAll(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
