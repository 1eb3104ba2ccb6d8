/**
 * The microphone, opened once and shared by every call: opened when the first session asks,
 * closed (tracks stopped, the OS indicator goes off) when the last one is gone.
 */
export class SharedMicrophone {
  private stream: Promise<MediaStream> | null = null;
  private users = 0;

  constructor(private readonly open: () => Promise<MediaStream>) {}

  /**
   * A track of the microphone for one session (a clone, so muting one call mutes only it).
   * Every acquire() must be paired with one release(). Resolves null when there is no microphone.
   */
  async acquire(): Promise<MediaStreamTrack | null> {
    this.users += 1;
    const stream = this.stream ?? this.openStream();
    const track = (await stream).getAudioTracks()[0];
    if (!track) return null;
    return typeof track.clone === 'function' ? track.clone() : track;
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users > 0 || !this.stream) return;
    const stream = this.stream;
    this.stream = null;
    stream.then(stopAll, () => undefined);
  }

  /** Stop the microphone now, whoever still uses it (media host disposal). */
  dispose(): void {
    this.users = 0;
    const stream = this.stream;
    this.stream = null;
    stream?.then(stopAll, () => undefined);
  }

  private openStream(): Promise<MediaStream> {
    const stream = this.open();
    this.stream = stream;
    // a refused permission must not be remembered: the next call asks again
    stream.catch(() => {
      if (this.stream === stream) this.stream = null;
    });
    return stream;
  }
}

function stopAll(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
