// Web電話帳 search with 100,000 entries of one tenant (DESIGN.md §6): p95 per keystroke through
// the HTTP API of the real server (port 0, real fetch) against a plain linear scan over the same
// entries in this process. Run alone with `npx tsx bench/phonebook-search.ts`; run.ts runs it in a
// child process (runPhonebookSearchBenchInChild).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../src-server/app.js';
import { customerLogin } from '../src-server/customer-page/api-test-support.js';
import { createSilentLogger } from '../src-server/log/logger.js';
import { linearScanSearch } from '../src-shared/phonebook/linear-scan.js';
import { PhonebookSearchIndex } from '../src-shared/phonebook/search-index.js';
import { foldEntry } from '../src-shared/phonebook/search-ranking.js';
import { PhonebookStore } from '../src-server/phonebook/phonebook-store.js';
import { syntheticEntries, syntheticEntryFields } from '../src-shared/phonebook/synthetic-entries.js';
import { seedDemoTenant } from '../src-server/store/demo-seed.js';
import { TenantStore } from '../src-server/store/tenant-store.js';
import { demoId } from '../src-server/store/demo-tenant.js';
import { runBenchChild } from './child-bench.js';
import { summarize, type Summary } from './stats.js';

export const PHONEBOOK_ENTRIES = 100_000;
const API_ROUNDS = Number(process.env.PLUSPHONE_BENCH_PHONEBOOK_ROUNDS ?? 5);
const PAGE = 50;

/** What people type, keystroke by keystroke: kana (several widths), kanji, companies, digits. */
const TYPED = ['やまだ', 'さとう', 'ﾀｶﾊｼ', 'こばやし', 'イノウエ', '山田', '株式会社さくら', 'システム', '東京物産', '090', '03-12', '0451', '5678', '080-3'];

export function keystrokeQueries(): string[] {
  return TYPED.flatMap((typed) => [...typed].map((_char, i) => [...typed].slice(0, i + 1).join('')));
}

export interface PhonebookBenchRow {
  figure: string;
  baseline: Summary;
  measured: Summary;
  /** baseline p95 / measured p95 */
  speedup: number;
  goal: string;
  met: boolean;
}

export interface PhonebookBenchResult {
  entries: number;
  keystrokes: number;
  apiRounds: number;
  /** startServer(), which builds the tenant's search index from SQLite */
  serverStartMs: number;
  rows: PhonebookBenchRow[];
  /** for the record: index in-process and the scan over pre-folded entries (no HTTP) */
  details: { indexInProcess: Summary; prefoldedScan: Summary };
}

function time<T>(run: () => T): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export async function runPhonebookSearchBench(): Promise<PhonebookBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'plusphone-bench-phonebook-'));
  const dbPath = join(dir, 'server.sqlite');
  // The database first: the demo tenants, then 100,000 entries for the first one ('replace'
  // drops its 5 seeded entries). The server builds its search index when it starts.
  const setup = TenantStore.open(dbPath);
  try {
    const seeded = await seedDemoTenant(setup);
    if (!seeded.ok) throw new Error(seeded.error.message);
    new PhonebookStore(setup.database).import(1, syntheticEntryFields(PHONEBOOK_ENTRIES), 'replace');
  } finally {
    setup.close();
  }
  const startedAt = performance.now();
  const server = await startServer({ port: 0, dbPath, logger: createSilentLogger() });
  const startMs = performance.now() - startedAt;
  try {
    const queries = keystrokeQueries();
    const customer = await customerLogin(server.httpUrl, demoId('A').directNumber, demoId('A').password);
    const fetchQuery = async (q: string): Promise<number> => {
      const start = performance.now();
      const response = await fetch(`${server.httpUrl}/api/customer/phonebook?q=${encodeURIComponent(q)}&limit=${PAGE}`, {
        headers: { Cookie: customer.cookie },
      });
      const body = (await response.json()) as { total?: number };
      const elapsed = performance.now() - start;
      if (response.status !== 200 || typeof body.total !== 'number') throw new Error(`search failed: ${response.status}`);
      return elapsed;
    };

    for (const q of queries.slice(0, 10)) await fetchQuery(q);
    const apiSamples: number[] = [];
    for (let round = 0; round < API_ROUNDS; round++) for (const q of queries) apiSamples.push(await fetchQuery(q));

    // Baselines over the same entries in this process.
    const entries = syntheticEntries(PHONEBOOK_ENTRIES);
    const scanSamples = queries.map((q) => time(() => linearScanSearch(entries, q, 0, PAGE)));
    const folded = entries.map(foldEntry);
    const prefoldedSamples = queries.map((q) => time(() => linearScanSearch(entries, q, 0, PAGE, folded)));
    const index = new PhonebookSearchIndex(entries);
    const indexSamples = queries.flatMap((q) => [0, 1, 2].map(() => time(() => index.search(q, 0, PAGE))));

    const baseline = summarize(scanSamples);
    const measured = summarize(apiSamples);
    const speedup = baseline.p95 / measured.p95;
    return {
      entries: PHONEBOOK_ENTRIES,
      keystrokes: queries.length,
      apiRounds: API_ROUNDS,
      serverStartMs: startMs,
      rows: [
        {
          figure: 'phonebook search per keystroke',
          baseline,
          measured,
          speedup,
          goal: 'p95 < 10 ms and ≥ 20× the scan',
          met: measured.p95 < 10 && speedup >= 20,
        },
      ],
      details: { indexInProcess: summarize(indexSamples), prefoldedScan: summarize(prefoldedSamples) },
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printPhonebookBench(result: PhonebookBenchResult): void {
  const ms = (n: number): string => n.toFixed(2).padStart(8);
  console.log(
    `\nWeb電話帳 search, ${result.entries.toLocaleString('en')} entries of one tenant, ${result.keystrokes} keystrokes × ${result.apiRounds} rounds through the API (server start incl. building the index: ${result.serverStartMs.toFixed(0)} ms)`,
  );
  console.log('| figure                         | scan p95 (baseline) | API median |  API p95 | speed-up | goal                            | met |');
  console.log('|--------------------------------|--------------------:|-----------:|---------:|---------:|---------------------------------|-----|');
  for (const r of result.rows) {
    console.log(
      `| ${r.figure.padEnd(30)} | ${ms(r.baseline.p95)} ms         | ${ms(r.measured.median)} ms | ${ms(r.measured.p95)} ms | ${r.speedup.toFixed(0).padStart(7)}× | ${r.goal.padEnd(31)} | ${r.met ? 'yes' : 'NO '} |`,
    );
  }
  const { indexInProcess, prefoldedScan } = result.details;
  console.log(
    `  in process (no HTTP): index p95 ${indexInProcess.p95.toFixed(2)} ms, median ${indexInProcess.median.toFixed(2)} ms; scan over pre-folded entries p95 ${prefoldedScan.p95.toFixed(1)} ms`,
  );
}

/**
 * Runs the bench in a child Node process and returns its result. run.ts uses this: after the
 * call-setup bench, @roamhq/wrtc objects awaiting teardown can crash the process when this
 * bench's allocations trigger garbage collection; a fresh process also keeps both baselines
 * free of the other bench's leftovers.
 */
export function runPhonebookSearchBenchInChild(): Promise<PhonebookBenchResult> {
  return runBenchChild<PhonebookBenchResult>(fileURLToPath(import.meta.url));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runPhonebookSearchBench();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else printPhonebookBench(result);
}
