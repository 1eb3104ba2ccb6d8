// The child of bench/core-memory.ts: one PhoneService, logged in and registered, its memory
// sampled at rest. The parent bundles this file with esbuild and runs it with plain `node`
// (no tsx loader, whose transform caches would be counted), as compiled code runs in the app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ContractFailure } from '../src-shared/contract/result.js';
import type { WebPhonebookStatus } from '../src-shared/contract/requests/phonebook.js';
import type { PhoneSnapshot } from '../src-shared/domain/phone-snapshot.js';
import { PhoneService } from '../src-main/core/phone-service.js';
import { summarize, type Summary } from './stats.js';

export const CORE_MEMORY_GOAL_MB = 120;
const SAMPLES = Number(process.env.PLUSPHONE_BENCH_CORE_SAMPLES ?? 10);
const SAMPLE_INTERVAL_MS = 300;
const REGISTER_TIMEOUT_MS = 30_000;

export interface CoreMemoryResult {
  /** resident set size at rest, MB, over the samples */
  rssMb: Summary;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  /** RSS of the same child right after its imports, before login (what Node + the modules cost) */
  baselineRssMb: number;
  webPhonebookEntries: number;
  goal: string;
  met: boolean;
}

const mb = (bytes: number): number => bytes / 1024 / 1024;

/** In the child: log in, wait for registration and the phonebook sync, settle, sample. */
export async function measureInThisProcess(serverUrl: string, loginId: string, password: string): Promise<CoreMemoryResult> {
  const baselineRssMb = mb(process.memoryUsage().rss);
  const dir = mkdtempSync(join(tmpdir(), 'plusphone-bench-core-memory-'));
  const service = new PhoneService({
    mediaHost: {
      request: () => Promise.reject(new ContractFailure('unavailable', 'no media host in the memory bench')),
    },
    dataDir: dir,
  });
  try {
    service.start();
    const registered = new Promise<PhoneSnapshot>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('not registered in time')), REGISTER_TIMEOUT_MS);
      const stop = service.onSnapshot((snapshot) => {
        if (snapshot.registration.state !== 'registered') return;
        clearTimeout(timer);
        stop();
        resolve(snapshot);
      });
    });
    await service.handlers['account.login']({ serverUrl, loginId, password });
    await registered;
    const phonebook = (await service.handlers['phonebook.sync']({})) as WebPhonebookStatus;
    if (phonebook.lastError) throw new Error(phonebook.lastError);

    // At rest: collect what start-up left behind, then sample while the phone idles.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const rss: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      await delay(SAMPLE_INTERVAL_MS);
      rss.push(mb(process.memoryUsage().rss));
    }
    const usage = process.memoryUsage();
    const summary = summarize(rss);
    return {
      rssMb: summary,
      heapUsedMb: mb(usage.heapUsed),
      heapTotalMb: mb(usage.heapTotal),
      externalMb: mb(usage.external),
      baselineRssMb,
      webPhonebookEntries: phonebook.entries,
      goal: `< ${CORE_MEMORY_GOAL_MB} MB`,
      met: summary.max < CORE_MEMORY_GOAL_MB,
    };
  } finally {
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

const [serverUrl, loginId, password] = process.argv.slice(2).filter((arg) => arg !== '--json');
if (serverUrl && loginId && password) {
  const result = await measureInThisProcess(serverUrl, loginId, password);
  console.log(JSON.stringify(result));
  process.exit(0);
}
