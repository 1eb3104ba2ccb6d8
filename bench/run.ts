// `npm run bench`: the figures of DESIGN.md §6 that exist so far, each next to a baseline
// measured in the same run. Prints a table and writes JSON to bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createWarmPair, measureDirectCall, type CallSetupSample } from './direct-call-floor.js';
import { PbxCallBench } from './pbx-call-setup.js';
import { summarize, type Summary } from './stats.js';
import { printPhonebookBench, runPhonebookSearchBenchInChild } from './phonebook-search.js';
import { printPbxCapacity, runPbxCapacityBench } from './pbx-capacity.js';
import { printRegistrationStorm, runRegistrationStormBench } from './registration-storm.js';
import { printLocalPhonebookBench, runLocalPhonebookBenchInChild } from './phonebook-local.js';
import { printCoreMemory, runCoreMemoryBenchInChild } from './core-memory.js';
import { printPopupLatency, runPopupLatencyBenchInChild } from './popup-latency.js';

const CALLS = Number(process.env.PLUSPHONE_BENCH_CALLS ?? 20);
const WARMUP = 2;

async function collect(measure: () => Promise<CallSetupSample>): Promise<CallSetupSample[]> {
  const samples: CallSetupSample[] = [];
  for (let i = 0; i < WARMUP + CALLS; i++) {
    const sample = await measure();
    if (i >= WARMUP) samples.push(sample);
  }
  return samples;
}

interface Row {
  figure: string;
  floor: Summary;
  pbx: Summary;
  ratio: number;
  goal: string;
  met: boolean;
}

function row(figure: string, floor: number[], pbx: number[]): Row {
  const f = summarize(floor);
  const p = summarize(pbx);
  const ratio = p.median / f.median;
  return { figure, floor: f, pbx: p, ratio, goal: '≤ 1.5× floor and < 150 ms', met: ratio <= 1.5 && p.median < 150 };
}

// Like the media host's spare, each floor call uses a pair made while the previous call ran.
let nextPair = createWarmPair();
const floorSamples = await collect(() => {
  const pair = nextPair;
  nextPair = createWarmPair();
  return measureDirectCall(pair);
});
nextPair.caller.close();
nextPair.callee.close();
const bench = await PbxCallBench.start();
let pbxSamples: CallSetupSample[];
try {
  pbxSamples = await collect(() => bench.measureCall());
} finally {
  await bench.close();
}
const phonebook = await runPhonebookSearchBenchInChild();
// both codecs the PBX offers: what a call costs is mostly its audio codec (codec-preference.ts)
const pbxCapacity = { opus: await runPbxCapacityBench('opus'), pcmu: await runPbxCapacityBench('pcmu') };
const registrationStorm = await runRegistrationStormBench();
const localPhonebook = await runLocalPhonebookBenchInChild();
const coreMemory = await runCoreMemoryBenchInChild();

const rows = [
  row('dial → 180 Ringing', floorSamples.map((s) => s.dialToRingingMs), pbxSamples.map((s) => s.dialToRingingMs)),
  row('answer → first audio frame', floorSamples.map((s) => s.answerToAudioMs), pbxSamples.map((s) => s.answerToAudioMs)),
];

const ms = (n: number): string => n.toFixed(1).padStart(7);
console.log(`\nCall setup, medians over ${CALLS} calls (after ${WARMUP} warm-up), loopback, ${cpus().length} cores, Node ${process.versions.node}`);
console.log('| figure                     | floor (direct) | PBX median |  PBX p95 | ratio | goal                      | met |');
console.log('|----------------------------|---------------:|-----------:|---------:|------:|---------------------------|-----|');
for (const r of rows) {
  console.log(
    `| ${r.figure.padEnd(26)} | ${ms(r.floor.median)} ms     | ${ms(r.pbx.median)} ms | ${ms(r.pbx.p95)} ms | ${r.ratio.toFixed(2).padStart(5)} | ${r.goal.padEnd(25)} | ${r.met ? 'yes' : 'NO '} |`,
  );
}

printPhonebookBench(phonebook);
printPbxCapacity(pbxCapacity.opus);
printPbxCapacity(pbxCapacity.pcmu);
printRegistrationStorm(registrationStorm);
printLocalPhonebookBench(localPhonebook);
printCoreMemory(coreMemory);
printPopupLatency(await runPopupLatencyBenchInChild());

const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `call-setup-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  JSON.stringify({ at: new Date().toISOString(), calls: CALLS, warmup: WARMUP, node: process.versions.node, cores: cpus().length, rows, floorSamples, pbxSamples, phonebook, pbxCapacity, registrationStorm, localPhonebook, coreMemory }, null, 2),
);
console.log(`\nJSON: ${file}`);
// @roamhq/wrtc may crash during natural teardown; everything is closed, so leave explicitly.
process.exit(0);
