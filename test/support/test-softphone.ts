import { dispatchRequest } from '../../src-shared/contract/dispatch.js';
import { ipcRequests, type IpcArgs, type IpcMethod } from '../../src-shared/contract/ipc-contract.js';
import type { Result } from '../../src-shared/contract/result.js';
import type { LineSnapshot, PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import { createInProcessMediaHostLink } from '../../src-main/core/media/media-host-link.js';
import { PhoneService, type PhoneServiceOptions } from '../../src-main/core/phone-service.js';
import { MediaHost } from '../../src-renderer/media/media-host.js';
import { waitForSnapshot, type WaitOptions } from './wait-for.js';
import { WrtcMediaEnvironment } from './wrtc-media-environment.js';

export interface TestSoftphoneOptions {
  /** the tone this softphone's "microphone" plays */
  toneHz: number;
  serviceOptions?: Partial<Omit<PhoneServiceOptions, 'mediaHost'>>;
}

/**
 * One softphone as a window sees it: a PhoneService driven through dispatchRequest (so
 * arguments are validated exactly as over IPC), with its own MediaHost on @roamhq/wrtc.
 */
export class TestSoftphone {
  readonly media: WrtcMediaEnvironment;
  readonly mediaHost: MediaHost;
  readonly service: PhoneService;
  /** the latest state of every line this phone ever showed, even after it left the snapshot */
  private readonly seenLines = new Map<string, LineSnapshot>();
  private readonly stopRecording: () => void;

  constructor(options: TestSoftphoneOptions) {
    this.media = new WrtcMediaEnvironment({ toneHz: options.toneHz });
    this.mediaHost = new MediaHost(this.media.env);
    this.service = new PhoneService({
      ...options.serviceOptions,
      mediaHost: createInProcessMediaHostLink(this.mediaHost.handlers),
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
