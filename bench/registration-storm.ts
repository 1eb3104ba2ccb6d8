// Registration storm (issue 4 Bench): 1,000 SIP WebSocket clients REGISTER with digest auth at
// once (connect, REGISTER, 401, REGISTER with credentials, 200) against the real PBX. The
// clients run in a child process; this process holds only the PBX. Goal: all registered ≤ 10 s.
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startPbxHarness } from '../test/support/pbx-harness.js';
import type { StormReport } from './registration-storm-clients.js';
import { summarize, type Summary } from './stats.js';
import { createSyntheticDirectory } from './synthetic-directory.js';

const CLIENTS = Number(process.env.PLUSPHONE_BENCH_STORM_CLIENTS ?? 1_000);
export const STORM_GOAL_MS = 10_000;

export interface StormResult {
  clients: number;
  registered: number;
  /** first connect → last 200 OK, seen by the clients */
  totalMs: number;
  perClient: Summary | undefined;
  pbxCpuMs: number;
  clientsCpuMs: number;
  /** registrations the PBX holds at the end (should equal clients) */
  pbxRegistrations: number;
  failed: string[];
  /** the machine's 1-minute load average when the storm ended */
  loadAverage: number;
}

export async function runRegistrationStormBench(): Promise<StormResult> {
  const harness = await startPbxHarness({ directory: createSyntheticDirectory(CLIENTS), warmPeerConnections: 0 });
  try {
    const child = fork(fileURLToPath(new URL('./registration-storm-clients.ts', import.meta.url)), [harness.sipUrl, String(CLIENTS)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve) => child.once('message', () => resolve()));
    const cpu = process.cpuUsage();
    const report = await new Promise<StormReport>((resolve, reject) => {
      child.once('message', (message: StormReport) => resolve(message));
      child.once('exit', (code) => reject(new Error(`storm clients exited (${code})`)));
      child.send('go');
    });
    const used = process.cpuUsage(cpu);
    const pbxRegistrations = harness.pbx.stats().registrations;
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
    return {
      clients: report.clients,
      registered: report.registered,
      totalMs: report.totalMs,
      perClient: report.perClientMs.length > 0 ? summarize(report.perClientMs) : undefined,
      pbxCpuMs: (used.user + used.system) / 1000,
      clientsCpuMs: report.cpuMs,
      pbxRegistrations,
      failed: report.failed,
      loadAverage: loadavg()[0] ?? 0,
    };
  } finally {
    await harness.close();
  }
}

export function printRegistrationStorm(result: StormResult): void {
  const met = result.registered === result.clients && result.pbxRegistrations === result.clients && result.totalMs <= STORM_GOAL_MS;
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  console.log(`\nRegistration storm: ${result.clients} WebSocket clients, REGISTER with digest (401 round trip), all at once (clients in a child process)`);
  console.log('| registered | PBX bindings | all registered in | per client median | p95 | PBX CPU | clients CPU | load avg | goal | met |');
  console.log('|-----------:|-------------:|------------------:|------------------:|----:|--------:|------------:|---------:|------|-----|');
  console.log(
    `| ${String(result.registered).padStart(10)} | ${String(result.pbxRegistrations).padStart(12)} | ${s(result.totalMs).padStart(17)} | ${result.perClient ? s(result.perClient.median).padStart(17) : '-'} | ${result.perClient ? s(result.perClient.p95) : '-'} | ${s(result.pbxCpuMs)} | ${s(result.clientsCpuMs)} | ${result.loadAverage.toFixed(1)} | ≤ ${STORM_GOAL_MS / 1000} s | ${met ? 'yes' : 'NO '} |`,
  );
  if (result.failed.length > 0) console.log(`failures (first ${result.failed.length}): ${result.failed.join('; ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printRegistrationStorm(await runRegistrationStormBench());
  process.exit(0);
}
