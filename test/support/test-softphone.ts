import { dispatchRequest } from '../../src-shared/contract/dispatch.js';
import { ipcRequests, type IpcArgs, type IpcMethod } from '../../src-shared/contract/ipc-contract.js';
import type { Result } from '../../src-shared/contract/result.js';
import type { LineSnapshot, PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import { createInProcessMediaHostLink, type MediaHostLink } from '../../src-main/core/media/media-host-link.js';
import { PhoneService, type PhoneServiceOptions } from '../../src-main/core/phone-service.js';
import { MediaHost } from '../../src-renderer/media/media-host.js';
import { waitForSnapshot, type WaitOptions } from './wait-for.js';
import { WrtcMediaEnvironment } from './wrtc-media-environment.js';

export interface TestSoftphoneOptions {
  /** the tone this softphone's "microphone" plays */
  toneHz: number;
  /** more "microphones" by device id (WrtcMediaEnvironmentOptions.microphones) */
  microphones?: Record<string, number>;
  serviceOptions?: Partial<Omit<PhoneServiceOptions, 'mediaHost'>>;
}

/**
 * One softphone as a window sees it: a PhoneService driven through dispatchRequest (so
 * arguments are validated exactly as over IPC), with its own MediaHost on @roamhq/wrtc.
 */
export class TestSoftphone {
  /** the current media host and its wrtc environment (replaced by restartMediaHost) */
  media: WrtcMediaEnvironment;
  mediaHost: MediaHost;
  readonly service: PhoneService;
  private readonly mediaOptions: ConstructorParameters<typeof WrtcMediaEnvironment>[0];
  private hostLink: MediaHostLink;
  /** the latest state of every line this phone ever showed, even after it left the snapshot */
  private readonly seenLines = new Map<string, LineSnapshot>();
  private readonly stopRecording: () => void;

  constructor(options: TestSoftphoneOptions) {
    this.mediaOptions = { toneHz: options.toneHz, ...(options.microphones ? { microphones: options.microphones } : {}) };
    this.media = new WrtcMediaEnvironment(this.mediaOptions);
    this.mediaHost = new MediaHost(this.media.env);
    this.hostLink = createInProcessMediaHostLink(this.mediaHost.handlers);
    // the link always reaches the current host, as the Electron link reaches a re-created media window
    const link: MediaHostLink = { request: (method, args) => this.hostLink.request(method, args) };
    this.service = new PhoneService({
      ...options.serviceOptions,
      mediaHost: link,
    });
    this.stopRecording = this.service.onSnapshot((snapshot) => {
      for (const line of snapshot.lines) this.seenLines.set(line.id, line);
    });
    this.service.start();
  }

  /** Every line ever seen, in its latest known state. */
  get lineHistory(): LineSnapshot[] {
    return [...this.seenLines.values()];
  }

  /** Wait until some line ever seen (also one already removed) matches. Event-driven. */
  waitForSeenLine(predicate: (line: LineSnapshot) => boolean, options?: WaitOptions): Promise<LineSnapshot> {
    return this.waitFor(() => this.lineHistory.some(predicate), options).then(
      () => this.lineHistory.find(predicate)!,
    );
  }

  /** A request as a window sends it: untrusted arguments, `{ok}` result. */
  invoke<M extends IpcMethod>(method: M, args: IpcArgs<M>): Promise<Result<unknown>> {
    return dispatchRequest(ipcRequests, this.service.handlers, method, args);
  }

  /** A request that must succeed; its value. */
  async call<M extends IpcMethod>(method: M, args: IpcArgs<M>): Promise<unknown> {
    const result = await this.invoke(method, args);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  get snapshot(): PhoneSnapshot {
    return this.service.getSnapshot();
  }

  waitFor(predicate: (snapshot: PhoneSnapshot) => boolean, options?: WaitOptions): Promise<PhoneSnapshot> {
    return waitForSnapshot(this.service, predicate, options);
  }

  /** Wait for a line matching `predicate` and return it. */
  async waitForLine(predicate: (line: LineSnapshot) => boolean, options?: WaitOptions): Promise<LineSnapshot> {
    const snapshot = await this.waitFor((s) => s.lines.some(predicate), options);
    return snapshot.lines.find(predicate)!;
  }

  async login(serverUrl: string, loginId: string, password: string): Promise<void> {
    await this.call('account.login', { serverUrl, loginId, password });
    await this.waitFor((s) => s.registration.state === 'registered', { description: `${loginId} registered` });
  }

  liveLines(): LineSnapshot[] {
    return this.snapshot.lines.filter((line) => line.state !== 'ended');
  }

  /**
   * What the Electron shell does when the media window's renderer dies: a new host (no peer
   * connections, a new microphone) replaces it, and the core is told to renegotiate its calls.
   */
  restartMediaHost(): void {
    const [oldHost, oldMedia] = [this.mediaHost, this.media];
    this.media = new WrtcMediaEnvironment(this.mediaOptions);
    this.mediaHost = new MediaHost(this.media.env);
    this.hostLink = createInProcessMediaHostLink(this.mediaHost.handlers);
    oldHost.dispose();
    oldMedia.dispose();
    this.service.mediaHostRestarted();
  }

  async dispose(): Promise<void> {
    this.stopRecording();
    try {
      await this.service.dispose();
    } finally {
      this.mediaHost.dispose();
      this.media.dispose();
    }
  }
}
