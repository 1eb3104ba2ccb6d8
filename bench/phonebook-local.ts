// The softphone's phonebook search over 100,000 local entries (issue 5 Bench): p95 per keystroke
// through the core's AccountPhonebook (SQLite file → in-memory index over both books) against a
// plain linear scan over the same entries in the same run. Run alone with
// `npx tsx bench/phonebook-local.ts`; run.ts runs it in a child process.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSilentLogger } from '../src-main/core/logging/logger.js';
import { AccountPhonebook } from '../src-main/core/phonebook/account-phonebook.js';
import { LocalPhonebookStore } from '../src-main/core/phonebook/local-phonebook-store.js';
import { LocalDatabase } from '../src-main/core/storage/local-database.js';
import { linearScanSearch } from '../src-shared/phonebook/linear-scan.js';
import { foldEntry } from '../src-shared/phonebook/search-ranking.js';
import { syntheticEntryFields } from '../src-shared/phonebook/synthetic-entries.js';
import { runBenchChild } from './child-bench.js';
import { summarize, type Summary } from './stats.js';

export const LOCAL_ENTRIES = 100_000;
const ROUNDS = Number(process.env.PLUSPHONE_BENCH_PHONEBOOK_ROUNDS ?? 5);
const PAGE = 50;
const LOGIN_ID = '05030000001';

/** What a user types into the search box, one keystroke at a time: kana in three forms, and digits. */
const TYPED = ['やまだたろう', 'さとうはなこ', 'ﾀｶﾊｼ', 'イノウエ', 'こばやしけんた', 'かぶしきがいしゃさくら', 'しすてむ', '090', '03-12', '0451', '5678', '080-3'];

export function localKeystrokeQueries(): string[] {
  return TYPED.flatMap((typed) => [...typed].map((_char, i) => [...typed].slice(0, i + 1).join('')));
}

export interface LocalPhonebookBenchResult {
  entries: number;
  keystrokes: number;
  rounds: number;
  /** the import of 100,000 entries into the SQLite file (one transaction) */
  importMs: number;
  /** building the index from SQLite (done at the first search) */
  indexBuildMs: number;
  /** the JS heap the index holds (heap used after − before the build, each after a full GC when --expose-gc) */
  indexHeapMb: number;
  scan: Summary;
  measured: Summary;
  /**
   * CPU time (user + system, all of the process's threads) per keystroke: unlike wall time it
   * leaves out the time the process waited for a core, so it stays meaningful on a busy machine
   */
  measuredCpu: Summary;
  /** the machine's 1-minute load average when the run ended (2 cores: above 2 means waiting) */
  loadAverage: number;
  /** scan p95 / measured p95 */
  speedup: number;
  goal: string;
  met: boolean;
  details: { prefoldedScan: Summary; matchesPerKeystroke: Summary };
}

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export function runLocalPhonebookBench(): LocalPhonebookBenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'plusphone-bench-local-phonebook-'));
  const database = LocalDatabase.open(join(dir, 'plusphone.sqlite3'));
  try {
    const fields = syntheticEntryFields(LOCAL_ENTRIES);
    let stored: ReturnType<LocalPhonebookStore['all']> = [];
    const importMs = time(() => {
      stored = new LocalPhonebookStore(database.db).importAll(LOGIN_ID, fields, 'append').added;
    });
    const book = new AccountPhonebook({
      db: database.db,
      loginId: LOGIN_ID,
      serverUrl: 'http://127.0.0.1:9',
      token: () => '',
      fetch: () => Promise.reject(new Error('no server in this bench')),
      logger: createSilentLogger(),
      now: Date.now,
      syncIntervalMs: 60_000,
    });
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const indexBuildMs = time(() => book.warmSearch());
    gc?.();
    const indexHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

    const queries = localKeystrokeQueries();
    const matches: number[] = [];
    for (const query of queries.slice(0, 10)) book.search({ query, limit: PAGE });
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const query of queries) {
        const cpu = process.cpuUsage();
        const start = performance.now();
        const page = book.search({ query, limit: PAGE });
        samples.push(performance.now() - start);
        const used = process.cpuUsage(cpu);
        cpuSamples.push((used.user + used.system) / 1000);
        if (round === 0) matches.push(page.total);
      }
    }

    // The baselines: the same entries, same ranking, every entry tested per keystroke.
    const scanSamples = queries.map((query) => time(() => linearScanSearch(stored, query, 0, PAGE)));
    const folded = stored.map(foldEntry);
    const prefoldedSamples = queries.map((query) => time(() => linearScanSearch(stored, query, 0, PAGE, folded)));
    // the index and the scan must agree, or the speed means nothing
    for (const query of ['やまだ', '090', 'ｻﾄｳ']) {
      const indexed = book.search({ query, limit: PAGE }).entries.map((entry) => entry.id);
      const scanned = linearScanSearch(stored, query, 0, PAGE).entries.map((entry) => entry.id);
      if (JSON.stringify(indexed) !== JSON.stringify(scanned)) throw new Error(`index and scan differ for ${query}`);
    }
    book.dispose();

    const scan = summarize(scanSamples);
    const measured = summarize(samples);
    const speedup = scan.p95 / measured.p95;
    return {
      entries: LOCAL_ENTRIES,
      keystrokes: queries.length,
      rounds: ROUNDS,
      importMs,
      indexBuildMs,
      indexHeapMb,
      scan,
      measured,
      measuredCpu: summarize(cpuSamples),
      loadAverage: loadavg()[0] ?? 0,
      speedup,
      goal: 'p95 < 10 ms and ≥ 20× the scan',
      met: measured.p95 < 10 && speedup >= 20,
      details: { prefoldedScan: summarize(prefoldedSamples), matchesPerKeystroke: summarize(matches) },
    };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printLocalPhonebookBench(result: LocalPhonebookBenchResult): void {
  const ms = (n: number): string => n.toFixed(2).padStart(8);
  console.log(
    `\nSoftphone phonebook search, ${result.entries.toLocaleString('en')} local entries, ${result.keystrokes} keystrokes × ${result.rounds} rounds in the core (import ${result.importMs.toFixed(0)} ms, index build ${result.indexBuildMs.toFixed(0)} ms, index heap ≈ ${result.indexHeapMb.toFixed(0)} MB)`,
  );
  console.log('| figure                         | scan p95 (baseline) | core median | core p95 | speed-up | goal                            | met |');
  console.log('|--------------------------------|--------------------:|------------:|---------:|---------:|---------------------------------|-----|');
  console.log(
    `| ${'local search per keystroke'.padEnd(30)} | ${ms(result.scan.p95)} ms         |  ${ms(result.measured.median)} ms | ${ms(result.measured.p95)} ms | ${result.speedup.toFixed(0).padStart(7)}× | ${result.goal.padEnd(31)} | ${result.met ? 'yes' : 'NO '} |`,
  );
  console.log(
    `  CPU time per keystroke (leaves out waiting for a core): median ${result.measuredCpu.median.toFixed(2)} ms, p95 ${result.measuredCpu.p95.toFixed(2)} ms; load average ${result.loadAverage.toFixed(1)} on ${cpus().length} cores`,
  );
  const { prefoldedScan, matchesPerKeystroke } = result.details;
  console.log(
    `  scan over pre-folded entries p95 ${prefoldedScan.p95.toFixed(1)} ms; matches per keystroke median ${matchesPerKeystroke.median.toLocaleString('en')}, max ${matchesPerKeystroke.max.toLocaleString('en')}`,
  );
}

/** In a fresh process, like the server's phonebook bench (no leftovers of the call benches). */
export function runLocalPhonebookBenchInChild(): Promise<LocalPhonebookBenchResult> {
  return runBenchChild<LocalPhonebookBenchResult>(fileURLToPath(import.meta.url), [], ['--expose-gc']);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = runLocalPhonebookBench();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else printLocalPhonebookBench(result);
}
