/**
 * Plays each media session's remote audio in a hidden `<audio autoplay>` element of its own,
 * so sessions start and stop independently. Elements live in one container the owner gives.
 */
export class RemoteAudioPlayers {
  private readonly players = new Map<string, HTMLAudioElement>();
  /** the chosen output ('' = the system default), applied to every element, also later ones */
  private sinkId = '';

  constructor(private readonly container: HTMLElement) {}

  play(sessionId: string, stream: MediaStream): void {
    let audio = this.players.get(sessionId);
    if (!audio) {
      audio = this.container.ownerDocument.createElement('audio');
      audio.autoplay = true;
      audio.hidden = true;
      audio.dataset.mediaSession = sessionId;
      this.container.append(audio);
      this.players.set(sessionId, audio);
      if (this.sinkId !== '') applySinkId(audio, this.sinkId);
    }
    if (audio.srcObject !== stream) audio.srcObject = stream;
    // Autoplay can be refused before the user interacted with the page; the next call retries.
    audio.play().catch((error: unknown) => console.warn('[plusphone] remote audio did not start', error));
  }

  /**
   * Play every call on this output (null = the system default). Resolves 'unsupported' where
   * the browser has no setSinkId; rejects when the device is gone or not allowed.
   */
  async setSinkId(deviceId: string | null): Promise<'applied' | 'unsupported'> {
    if (!supportsSinkId(this.container.ownerDocument)) return 'unsupported';
    const next = deviceId ?? '';
    await Promise.all([...this.players.values()].map((audio) => setSinkIdOf(audio, next)));
    this.sinkId = next;
    return 'applied';
  }

  stop(sessionId: string): void {
    const audio = this.players.get(sessionId);
    if (!audio) return;
    audio.pause();
    audio.srcObject = null;
    audio.remove();
    this.players.delete(sessionId);
  }

  stopAll(): void {
    for (const sessionId of [...this.players.keys()]) this.stop(sessionId);
  }
}

type SinkCapable = HTMLMediaElement & { setSinkId?: (sinkId: string) => Promise<void> };

/** Chromium (and so Electron) has HTMLMediaElement.setSinkId; some browsers do not. */
export function supportsSinkId(doc: Document): boolean {
  const view = doc.defaultView as (Window & { HTMLMediaElement?: { prototype: SinkCapable } }) | null;
  return typeof view?.HTMLMediaElement?.prototype.setSinkId === 'function';
}

export async function setSinkIdOf(audio: HTMLMediaElement, sinkId: string): Promise<void> {
  const element = audio as SinkCapable;
  if (typeof element.setSinkId === 'function') await element.setSinkId(sinkId);
}

function applySinkId(audio: HTMLMediaElement, sinkId: string): void {
  setSinkIdOf(audio, sinkId).catch((error: unknown) => console.warn('[plusphone] could not route call audio to the chosen speaker', error));
}
