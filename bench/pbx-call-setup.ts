// Call setup through the real embedded PBX: two softphone cores (SIP.js over WebSocket, media
// hosts on @roamhq/wrtc) against the real server on an ephemeral port.
import { TestSoftphone } from '../test/support/test-softphone.js';
import { startTestServer, type TestServer } from '../test/support/test-server.js';
import { DEMO_TENANT } from '../src-server/store/demo-tenant.js';
import { AUDIBLE_RMS, frameRms } from './tone-source.js';
import type { CallSetupSample } from './direct-call-floor.js';

export class PbxCallBench {
  private constructor(
    private readonly server: TestServer,
    private readonly caller: TestSoftphone,
    private readonly callee: TestSoftphone,
    private readonly calleeExtension: string,
  ) {}

  static async start(): Promise<PbxCallBench> {
    const server = await startTestServer();
    const [a, b] = DEMO_TENANT.ids;
    const caller = new TestSoftphone({ toneHz: 440 });
    const callee = new TestSoftphone({ toneHz: 1000 });
    await caller.login(server.server.httpUrl, a!.directNumber, a!.password);
    await callee.login(server.server.httpUrl, b!.directNumber, b!.password);
    return new PbxCallBench(server, caller, callee, b!.extension);
  }

  async measureCall(): Promise<CallSetupSample> {
    const { caller, callee } = this;
    const dialAt = performance.now();
    const { lineId } = (await caller.call('call.dial', { target: this.calleeExtension })) as { lineId: string };
    await caller.waitForLine((l) => l.id === lineId && l.state !== 'dialing');
    const dialToRingingMs = performance.now() - dialAt;
    const ringing = await callee.waitForLine((l) => l.state === 'ringingIn');
    const line = caller.snapshot.lines.find((l) => l.id === lineId);
    if (line?.state !== 'ringingOut') throw new Error(`caller line is ${line?.state}, not ringingOut`);

    let stopListening = (): void => {};
    const heard = new Promise<number>((resolve) => {
      stopListening = caller.media.onAudioFrame((samples) => {
        if (frameRms(samples) >= AUDIBLE_RMS) resolve(performance.now());
      });
    });
    const answerAt = performance.now();
    await callee.call('call.answer', { lineId: ringing.id });
    const answerToAudioMs = (await heard) - answerAt;
    stopListening();

    await caller.call('call.hangup', { lineId });
    await caller.waitFor((s) => s.lines.every((l) => l.state === 'ended'));
    await callee.waitFor((s) => s.lines.every((l) => l.state === 'ended'));
    return { dialToRingingMs, answerToAudioMs };
  }

  async close(): Promise<void> {
    await this.caller.dispose();
    await this.callee.dispose();
    await this.server.close();
  }
}
