// The softphone core's resident memory at rest with one registered line (issue 5 Bench, goal
// < 120 MB): a child Node process runs one PhoneService logged in to the real server (started
// here on port 0, so the server's memory is not counted), registered over SIP, its Web電話帳
// synced; then it settles and its RSS is sampled (core-memory-child.ts). The child is bundled
// with esbuild and run by plain `node`, as compiled code runs in the app. The media host is not
// in the core's process (a hidden window or the page in production), so the child has none: at
// rest the core asks it nothing. Run alone with `npx tsx bench/core-memory.ts`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { demoId } from '../src-server/store/demo-tenant.js';
import { startTestServer } from '../test/support/test-server.js';
import { runBenchChild, runJsonChild } from './child-bench.js';
import type { CoreMemoryResult } from './core-memory-child.js';

export type { CoreMemoryResult } from './core-memory-child.js';

const ROOT = join(import.meta.dirname, '..');

/** One ESM file of the child and the core it imports; packages stay in node_modules. */
async function bundleChild(): Promise<string> {
  // inside node_modules so the bundle resolves better-sqlite3, sip.js, ws… as the app does
  const dir = join(ROOT, 'node_modules', '.cache', 'plusphone-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'core-memory-child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'core-memory-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

function runChild(file: string, args: readonly string[], nodeFlags: readonly string[] = []): Promise<CoreMemoryResult> {
  return runJsonChild<CoreMemoryResult>(['--expose-gc', ...nodeFlags, file, ...args], 'core memory child');
}

/** The V8 flag the shell can set for the core's process (a small young generation). */
export const SMALL_YOUNG_GENERATION_FLAG = '--max-semi-space-size=1';

export interface CoreMemoryBenchResult {
  /** Node's default heap settings */
  defaults: CoreMemoryResult;
  /** with SMALL_YOUNG_GENERATION_FLAG: what the shell can choose for an idle phone */
  smallYoungGeneration: CoreMemoryResult;
}

/** In the parent: the real server here, the core in a child process (twice: two V8 settings). */
export async function runCoreMemoryBench(): Promise<CoreMemoryBenchResult> {
  const server = await startTestServer();
  try {
    const A = demoId('A');
    const child = await bundleChild();
    const args = [server.server.httpUrl, A.directNumber, A.password];
    const defaults = await runChild(child, args);
    const smallYoungGeneration = await runChild(child, args, [SMALL_YOUNG_GENERATION_FLAG]);
    return { defaults, smallYoungGeneration };
  } finally {
    await server.close();
  }
}

export function printCoreMemory(result: CoreMemoryBenchResult): void {
  console.log(
    `\nSoftphone core at rest, one registered line, Web電話帳 synced (${result.defaults.webPhonebookEntries} entries), bundled core in a child Node process`,
  );
  console.log('| figure                                         | RSS median | RSS max  | heap used / total | before login | goal     | met |');
  console.log('|------------------------------------------------|-----------:|---------:|------------------:|-------------:|----------|-----|');
  const row = (figure: string, r: CoreMemoryResult): void =>
    console.log(
      `| ${figure.padEnd(46)} | ${r.rssMb.median.toFixed(1).padStart(7)} MB | ${r.rssMb.max.toFixed(1).padStart(5)} MB | ${r.heapUsedMb.toFixed(1).padStart(5)} / ${r.heapTotalMb.toFixed(1).padStart(5)} MB | ${r.baselineRssMb.toFixed(1).padStart(9)} MB | ${r.goal.padEnd(8)} | ${r.met ? 'yes' : 'NO '} |`,
    );
  row('core resident memory (Node defaults)', result.defaults);
  row(`core resident memory (${SMALL_YOUNG_GENERATION_FLAG})`, result.smallYoungGeneration);
}

/** run.ts runs it all in a child (its own process still holds the call bench's wrtc objects). */
export function runCoreMemoryBenchInChild(): Promise<CoreMemoryBenchResult> {
  return runBenchChild<CoreMemoryBenchResult>(fileURLToPath(import.meta.url));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runCoreMemoryBench();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else printCoreMemory(result);
  process.exit(0);
}
