// PBX capacity (issue 4 Bench): N concurrent two-way anchored calls through the real PBX (SIP
// over WebSocket, one wrtc peer connection per leg, audio decoded and re-encoded inside libwebrtc),
// stepping N up. The phones (2 per call, each with its own peer connection and tone) run in a
// child process, so this process holds only the PBX and its CPU use is the PBX's; both share the
// machine's cores. Over a measuring window, all 2N directions together, delivered is the lower of
// (a) frames received carrying the sender's tone ÷ frames sent and (b) the share of audio the
// receiving phone played from packets rather than concealment (WebRTC stats). A steady tone is
// easy to conceal, so a gap the PBX's own jitter buffer papered over can escape both: the figure
// is an upper bound for the phone → PBX hop and exact for the PBX → phone hop.
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { AUDIO_CODEC_PREFERENCES, type AudioCodecPreference } from '../src-server/pbx/index.js';
import { startPbxHarness } from '../test/support/pbx-harness.js';
import type { DirectionCounts, EndpointCommand, EndpointReply } from './pbx-capacity-endpoints.js';
import { createSyntheticDirectory } from './synthetic-directory.js';

const STEPS = (process.env.PLUSPHONE_BENCH_CAPACITY_STEPS ?? '10,20,30,40,50')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const WINDOW_MS = Number(process.env.PLUSPHONE_BENCH_CAPACITY_WINDOW_MS ?? 5_000);
/** after the calls of a step are up, before measuring: jitter buffers settle */
const SETTLE_MS = 2_000;
export const CAPACITY_GOAL = { calls: 50, delivered: 0.99 };

export interface CapacityStep {
  calls: number;
  /** all directions: frames with the tone received ÷ frames sent */
  delivered: number;
  /** (a) alone: frames with the tone ÷ frames sent */
  toneShare: number;
  /** (b) alone: share of played audio that was concealment at the phones */
  concealed: number;
  /** the worst single direction, by (a) */
  worstDirection: number;
  /** CPU of the PBX process (this one) during the window, % of one core */
  pbxCpuPercent: number;
  /** CPU of the phones' process during the window, % of one core */
  phonesCpuPercent: number;
  /** time to set the step's new calls up (sequentially) */
  setupMs: number;
  pbxPeerConnections: number;
  /** the PBX process's event-loop delay during the window, p99 (signalling waits this long behind audio) */
  pbxLoopDelayP99Ms: number;
  /** the machine's 1-minute load average at the end of the window (other work skews everything) */
  loadAverage: number;
}

export interface CapacityResult {
  /** the codec the PBX asked its legs for */
  codec: AudioCodecPreference;
  steps: CapacityStep[];
  /** the largest N with delivered ≥ 99 %, 0 if none */
  maxCallsAtGoal: number;
  error?: string;
}

class PhonesProcess {
  private waiter: { resolve: (reply: EndpointReply) => void; reject: (error: Error) => void } | undefined;
  readonly exited: Promise<void>;

  constructor(readonly child: ChildProcess) {
    child.on('message', (reply: EndpointReply) => this.waiter?.resolve(reply));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.waiter?.reject(new Error(`phones process exited (${signal ?? code})`));
        resolve();
      }),
    );
  }

  /** One command at a time; a phones process that dies or hangs fails the step instead of the bench. */
  async ask(command: EndpointCommand, timeoutMs: number): Promise<EndpointReply> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const reply = await new Promise<EndpointReply>((resolve, reject) => {
        this.waiter = { resolve, reject };
        timer = setTimeout(() => reject(new Error(`phones process did not answer ${command.cmd} in ${timeoutMs / 1000} s`)), timeoutMs);
        this.child.send(command);
      });
      if (reply.kind === 'error') throw new Error(`phones process: ${reply.message}`);
      return reply;
    } finally {
      clearTimeout(timer);
      this.waiter = undefined;
    }
  }
}

function share(directions: DirectionCounts[]): { all: number; tone: number; concealed: number; worst: number } {
  const sum = (f: (d: DirectionCounts) => number): number => directions.reduce((n, d) => n + f(d), 0);
  const sent = sum((d) => d.sent);
  const tone = sent === 0 ? 0 : sum((d) => Math.min(d.toneFrames, d.sent)) / sent;
  const played = sum((d) => d.samplesPlayed);
  const concealed = played === 0 ? 1 : sum((d) => d.samplesConcealed) / played;
  const worst = Math.min(...directions.map((d) => (d.sent === 0 ? 0 : Math.min(1, d.toneFrames / d.sent))));
  return { all: Math.min(tone, 1 - concealed), tone, concealed, worst };
}

export async function runPbxCapacityBench(codec: AudioCodecPreference = 'opus'): Promise<CapacityResult> {
  const maxCalls = Math.max(...STEPS);
  const harness = await startPbxHarness({ directory: createSyntheticDirectory(2 * maxCalls), audioCodec: codec });
  const child = fork(fileURLToPath(new URL('./pbx-capacity-endpoints.ts', import.meta.url)), [harness.sipUrl], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const phones = new PhonesProcess(child);
  const steps: CapacityStep[] = [];
  let error: string | undefined;
  try {
    for (const calls of STEPS) {
      const added = await phones.ask({ cmd: 'add', upTo: calls }, 20_000 * calls);
      if (added.kind !== 'added') throw new Error('unexpected reply');
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      const cpu = process.cpuUsage();
      const measured = await phones.ask({ cmd: 'measure', windowMs: WINDOW_MS }, WINDOW_MS + 60_000);
      const used = process.cpuUsage(cpu);
      loopDelay.disable();
      if (measured.kind !== 'measured') throw new Error('unexpected reply');
      const { all, tone, concealed, worst } = share(measured.directions);
      steps.push({
        calls,
        delivered: all,
        toneShare: tone,
        concealed,
        worstDirection: worst,
        pbxCpuPercent: ((used.user + used.system) / 1000 / WINDOW_MS) * 100,
        phonesCpuPercent: (measured.cpuMs / WINDOW_MS) * 100,
        setupMs: added.setupMs,
        pbxPeerConnections: harness.pbx.stats().peerConnections,
        pbxLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        loadAverage: loadavg()[0] ?? 0,
      });
      process.stderr.write(`  capacity (${codec}): ${calls} calls, ${(all * 100).toFixed(2)} % delivered\n`);
      // below the goal already: more calls would only take long (setup crawls) to say the same
      if (all < CAPACITY_GOAL.delivered) break;
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  } finally {
    child.send({ cmd: 'close' } satisfies EndpointCommand);
    await Promise.race([phones.exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (child.exitCode === null) child.kill();
    await harness.close();
  }
  const atGoal = steps.filter((s) => s.delivered >= CAPACITY_GOAL.delivered).map((s) => s.calls);
  return { codec, steps, maxCallsAtGoal: atGoal.length > 0 ? Math.max(...atGoal) : 0, ...(error ? { error } : {}) };
}

export function printPbxCapacity(result: CapacityResult): void {
  const pct = (n: number): string => `${(n * 100).toFixed(2)} %`.padStart(9);
  console.log(
    `\nPBX capacity, ${result.codec === 'opus' ? 'Opus (the default)' : 'G.711 PCMU (npm run server -- --codec pcmu)'}: concurrent two-way anchored calls, ${WINDOW_MS / 1000} s window per step (phones in a child process)`,
  );
  console.log('| calls | delivered | tone frames | concealed | worst dir. | PBX CPU | phones CPU | PBX peer conns | setup of step | PBX loop delay p99 | load avg |');
  console.log('|------:|----------:|------------:|----------:|-----------:|--------:|-----------:|---------------:|--------------:|-------------------:|---------:|');
  for (const s of result.steps) {
    console.log(
      `| ${String(s.calls).padStart(5)} | ${pct(s.delivered)} | ${pct(s.toneShare).padStart(11)} | ${pct(s.concealed)} | ${pct(s.worstDirection).padStart(10)} | ${s.pbxCpuPercent.toFixed(0).padStart(5)} % | ${s.phonesCpuPercent.toFixed(0).padStart(8)} % | ${String(s.pbxPeerConnections).padStart(14)} | ${(s.setupMs / 1000).toFixed(1).padStart(11)} s | ${s.pbxLoopDelayP99Ms.toFixed(0).padStart(15)} ms | ${s.loadAverage.toFixed(1).padStart(8)} |`,
    );
  }
  if (result.error) console.log(`stopped early: ${result.error}`);
  const met = result.maxCallsAtGoal >= CAPACITY_GOAL.calls;
  console.log(
    `largest N at ≥ ${CAPACITY_GOAL.delivered * 100} % delivered: ${result.maxCallsAtGoal} (goal ≥ ${CAPACITY_GOAL.calls}: ${met ? 'met' : 'NOT met'})`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const codec of AUDIO_CODEC_PREFERENCES) printPbxCapacity(await runPbxCapacityBench(codec));
  process.exit(0);
}
