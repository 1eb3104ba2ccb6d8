/**
 * Plays each media session's remote audio in a hidden `<audio autoplay>` element of its own,
 * so sessions start and stop independently. Elements live in one container the owner gives.
 */
export class RemoteAudioPlayers {
  private readonly players = new Map<string, HTMLAudioElement>();

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
    }
    if (audio.srcObject !== stream) audio.srcObject = stream;
    // Autoplay can be refused before the user interacted with the page; the next call retries.
    audio.play().catch((error: unknown) => console.warn('[plusphone] remote audio did not start', error));
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
