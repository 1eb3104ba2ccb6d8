// The phones of the PBX capacity bench, in a child process so the PBX's process is measured on
// its own: pairs of raw SIP clients over WebSocket with a wrtc peer connection each. Every phone
// sends a steady tone (caller 400 Hz, callee 1000 Hz) and counts the 10 ms frames it receives
// that carry the other side's tone. Driven by the parent over IPC (see pbx-capacity.ts).
import wrtc from '@roamhq/wrtc';
import { authorizationFor, DOMAIN, OutgoingCall, RawSipClient } from '../test/support/raw-sip-client.js';
import { benchAccount, type BenchAccount } from './synthetic-directory.js';

const SAMPLE_RATE = 48_000;
const FRAME = 480;
/** a frame counts as carrying the tone at ≥ this RMS (the tone is sent at 0.3 full scale ≈ 0.21 RMS) */
const TONE_RMS = 0.05;
const SIGNALLING_TIMEOUT_MS = 60_000;

export type EndpointCommand = { cmd: 'add'; upTo: number } | { cmd: 'measure'; windowMs: number } | { cmd: 'close' };

export interface DirectionCounts {
  sent: number;
  toneFrames: number;
  received: number;
  /** samples the receiving phone's jitter buffer played: all, and made up because audio was missing or late */
  samplesPlayed: number;
  samplesConcealed: number;
}

interface InboundAudio {
  samplesPlayed: number;
  samplesConcealed: number;
}

export type EndpointReply =
  | { kind: 'added'; calls: number; setupMs: number }
  | { kind: 'measured'; directions: DirectionCounts[]; cpuMs: number; windowMs: number }
  | { kind: 'error'; message: string };

/** One 10 ms frame of a tone whose period divides 480 samples, so every frame is the same. */
function toneFrame(hz: number): Int16Array {
  const samples = new Int16Array(FRAME);
  for (let i = 0; i < FRAME; i++) samples[i] = Math.round(0.3 * 32767 * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE));
  return samples;
}

class BenchPhone {
  readonly pc = new wrtc.RTCPeerConnection({ iceServers: [] });
  private readonly source = new wrtc.nonstandard.RTCAudioSource();
  private readonly track = this.source.createTrack();
  private sink: InstanceType<typeof wrtc.nonstandard.RTCAudioSink> | undefined;
  sent = 0;
  received = 0;
  toneFrames = 0;

  constructor(private readonly frame: Int16Array) {
    this.pc.addTrack(this.track, new wrtc.MediaStream([this.track]));
    this.pc.ontrack = (event) => {
      if (this.sink || event.track.kind !== 'audio') return;
      this.sink = new wrtc.nonstandard.RTCAudioSink(event.track);
      this.sink.ondata = (data: { samples: Int16Array; channelCount: number }) => {
        this.received++;
        const step = Math.max(1, data.channelCount);
        let sum = 0;
        let n = 0;
        for (let i = 0; i < data.samples.length; i += step) {
          const s = data.samples[i]! / 32768;
          sum += s * s;
          n++;
        }
        if (n > 0 && Math.sqrt(sum / n) >= TONE_RMS) this.toneFrames++;
      };
    };
  }

  async inboundAudio(): Promise<InboundAudio> {
    const report = await this.pc.getStats();
    for (const stats of report.values()) {
      if (stats.type === 'inbound-rtp' && stats.kind === 'audio') {
        return { samplesPlayed: Number(stats.totalSamplesReceived ?? 0), samplesConcealed: Number(stats.concealedSamples ?? 0) };
      }
    }
    return { samplesPlayed: 0, samplesConcealed: 0 };
  }

  push(): void {
    this.source.onData({ samples: this.frame, sampleRate: SAMPLE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: FRAME });
    this.sent++;
  }

  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return this.gathered();
  }

  async answer(offer: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    return this.gathered();
  }

  async accept(answer: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer });
  }

  close(): void {
    if (this.sink) this.sink.ondata = null;
    this.sink?.stop();
    this.track.stop();
    this.pc.close();
  }

  private async gathered(): Promise<string> {
    if (this.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3_000);
        this.pc.addEventListener('icegatheringstatechange', () => {
          if (this.pc.iceGatheringState === 'complete') {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    }
    return this.pc.localDescription?.sdp ?? '';
  }
}

interface BenchCall {
  caller: BenchPhone;
  callee: BenchPhone;
  clients: RawSipClient[];
}

const CALLER_FRAME = toneFrame(400);
const CALLEE_FRAME = toneFrame(1000);

/** REGISTER with the digest round trip, patient: on a loaded machine the PBX may answer late. */
async function register(client: RawSipClient, account: BenchAccount): Promise<void> {
  const callId = `${account.user}-${Math.random()}@bench.invalid`;
  const aor = `<sip:${account.user}@${DOMAIN}>`;
  const send = (cseq: number, authorization?: string): void =>
    client.send(
      client.buildRequest({
        method: 'REGISTER',
        requestUri: `sip:${DOMAIN}`,
        from: `${aor};tag=r${cseq}`,
        to: aor,
        callId,
        cseq,
        headers: ['Expires: 600', ...(authorization ? [`Authorization: ${authorization}`] : [])],
        withContact: true,
      }).text,
    );
  send(1);
  const challenge = await client.nextResponse(callId, 'REGISTER', 200, SIGNALLING_TIMEOUT_MS);
  send(2, authorizationFor(challenge, 'www-authenticate', account, 'REGISTER', `sip:${DOMAIN}`, 'MD5'));
  const final = await client.nextResponse(callId, 'REGISTER', 200, SIGNALLING_TIMEOUT_MS);
  if (final.status !== 200) throw new Error(`REGISTER ${account.user}: ${final.status}`);
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out`)), SIGNALLING_TIMEOUT_MS))),
  ]).finally(() => clearTimeout(timer));
}

class CapacityPhones {
  private readonly calls: BenchCall[] = [];
  private readonly ticker: NodeJS.Timeout;
  private startedAt = performance.now();
  private framesDue = 0;

  constructor(private readonly sipUrl: string) {
    // One clock for every phone, catching up when a tick comes late: each phone sends 100 frames
    // a second however busy this process is (a late frame is still sent, only later).
    this.ticker = setInterval(() => {
      const due = Math.floor((performance.now() - this.startedAt) / 10);
      const frames = Math.min(due - this.framesDue, 20);
      this.framesDue = due;
      for (let f = 0; f < frames; f++) {
        for (const call of this.calls) {
          call.caller.push();
          call.callee.push();
        }
      }
    }, 5);
  }

  get count(): number {
    return this.calls.length;
  }

  async addCall(): Promise<void> {
    const i = this.calls.length;
    const callerAccount = benchAccount(2 * i);
    const calleeAccount = benchAccount(2 * i + 1);
    const calleeClient = await withTimeout(RawSipClient.connect(this.sipUrl), 'callee connect');
    const callerClient = await withTimeout(RawSipClient.connect(this.sipUrl), 'caller connect');
    await register(calleeClient, calleeAccount);
    const caller = new BenchPhone(CALLER_FRAME);
    const callee = new BenchPhone(CALLEE_FRAME);
    const call = new OutgoingCall(callerClient, callerAccount, calleeAccount.extension);
    await call.start(await caller.offer(), [], SIGNALLING_TIMEOUT_MS);
    const invite = await calleeClient.nextRequest('INVITE', undefined, SIGNALLING_TIMEOUT_MS);
    calleeClient.reply(invite, 200, { toTag: `callee-${i}`, sdp: await callee.answer(invite.body) });
    const ok = await call.response(200, 299, SIGNALLING_TIMEOUT_MS);
    await caller.accept(ok.body);
    call.ack2xx();
    this.calls.push({ caller, callee, clients: [callerClient, calleeClient] });
    if (process.env.PLUSPHONE_BENCH_DEBUG) process.stderr.write(`call ${i} up\n`);
  }

  async measure(windowMs: number): Promise<{ directions: DirectionCounts[]; cpuMs: number }> {
    const phones = this.calls.flatMap((c) => [
      { from: c.caller, to: c.callee },
      { from: c.callee, to: c.caller },
    ]);
    const audioBefore = await withTimeout(Promise.all(phones.map(({ to }) => to.inboundAudio())), 'getStats');
    const before = phones.map(({ from, to }) => ({ sent: from.sent, toneFrames: to.toneFrames, received: to.received }));
    const cpu = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const used = process.cpuUsage(cpu);
    const counted = phones.map(({ from, to }, k) => ({
      sent: from.sent - before[k]!.sent,
      toneFrames: to.toneFrames - before[k]!.toneFrames,
      received: to.received - before[k]!.received,
    }));
    const audioAfter = await withTimeout(Promise.all(phones.map(({ to }) => to.inboundAudio())), 'getStats');
    const directions = counted.map((c, k) => ({
      ...c,
      samplesPlayed: audioAfter[k]!.samplesPlayed - audioBefore[k]!.samplesPlayed,
      samplesConcealed: audioAfter[k]!.samplesConcealed - audioBefore[k]!.samplesConcealed,
    }));
    return { directions, cpuMs: (used.user + used.system) / 1000 };
  }

  async close(): Promise<void> {
    clearInterval(this.ticker);
    await new Promise((resolve) => setImmediate(resolve)); // never close wrtc objects inside a callback
    for (const call of this.calls) {
      call.caller.close();
      call.callee.close();
    }
    await Promise.all(this.calls.flatMap((c) => c.clients.map((client) => client.close())));
  }
}

if (process.send) {
  const sipUrl = process.argv[2];
  if (!sipUrl) throw new Error('usage: pbx-capacity-endpoints.ts <sip ws url>');
  const phones = new CapacityPhones(sipUrl);
  const reply = (message: EndpointReply): void => {
    process.send?.(message);
  };
  process.on('message', (command: EndpointCommand) => {
    void (async () => {
      try {
        if (command.cmd === 'add') {
          const started = performance.now();
          while (phones.count < command.upTo) await phones.addCall();
          reply({ kind: 'added', calls: phones.count, setupMs: performance.now() - started });
        } else if (command.cmd === 'measure') {
          const measured = await phones.measure(command.windowMs);
          reply({ kind: 'measured', windowMs: command.windowMs, ...measured });
        } else {
          await phones.close();
          // @roamhq/wrtc may crash during natural teardown; everything is closed, so leave explicitly.
          process.exit(0);
        }
      } catch (error) {
        reply({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
}
