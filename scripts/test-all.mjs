// `npm test`: set-up on a fresh machine, then every check: lint (with the layer rules), type
// checks, the build, unit + Node integration tests (vitest), and the Chromium e2e (Playwright).
// Ends with one line `N passed, N failed, N skipped` over all tests and steps.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, ensureDependencies, root, run } from './setup.mjs';

ensureChromium();
ensureDependencies();

const reportDir = join(root, 'out', 'test-reports');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const steps = [];
const tally = { passed: 0, failed: 0, skipped: 0 };

function step(name, command, args, env = {}) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const status = run(command, args, { env: { ...process.env, ...env } });
  steps.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
  return status === 0;
}

step('lint', 'npx', ['eslint', '.']);
step('typecheck (node layers)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
step('typecheck (renderer)', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']);
const built = step('build', 'npx', ['electron-vite', 'build']);

/** Tests of one vitest report, by file. */
function vitestFiles(reportFile) {
  if (!existsSync(reportFile)) return [];
  return JSON.parse(readFileSync(reportFile, 'utf8')).testResults.map((file) => ({
    name: file.name,
    passed: file.assertionResults.filter((t) => t.status === 'passed').length,
    failed: file.assertionResults.filter((t) => t.status === 'failed').length + (file.status === 'failed' ? 1 : 0),
    skipped: file.assertionResults.filter((t) => t.status === 'skipped' || t.status === 'todo').length,
    // tests that never ran: the file's worker process died under them
    notRun: file.assertionResults.filter((t) => t.status === 'pending').length,
  }));
}

function vitestStep(name, project) {
  const reportFile = join(reportDir, `vitest-${project}.json`);
  const args = ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`];
  const ok = step(name, 'npx', args);
  let files = vitestFiles(reportFile);
  const crashed = files.filter((f) => f.notRun > 0 && f.failed === 0);
  if (!ok && crashed.length > 0 && files.every((f) => f.failed === 0)) {
    // @roamhq/wrtc (native) can crash a process while it tears peer connections down. Such a file
    // is run once more, and said so; a second crash, or any failing assertion, fails the run.
    const names = crashed.map((f) => f.name);
    console.log(`\n!!! ${name}: the worker running ${names.join(', ')} exited unexpectedly (native crash); running those files once more`);
    steps.pop();
    const retryFile = join(reportDir, `vitest-${project}-retry.json`);
    step(`${name} (crashed files run again)`, 'npx', ['vitest', 'run', '--project', project, ...names, '--reporter=default', '--reporter=json', `--outputFile.json=${retryFile}`]);
    files = [...files.filter((f) => !names.includes(f.name)), ...vitestFiles(retryFile)];
  }
  for (const f of files) {
    tally.passed += f.passed;
    tally.failed += f.failed + f.notRun;
    tally.skipped += f.skipped;
  }
}

vitestStep('unit tests', 'unit');
// one file at a time, alone on the machine: real servers, SIP and media
vitestStep('Node integration tests', 'integration');

function playwrightStep(name, configArgs, reportName) {
  if (!built) {
    console.log(`\n=== ${name}: skipped because the build failed`);
    steps.push({ name, ok: false, seconds: 0 });
    return;
  }
  const reportFile = join(reportDir, reportName);
  step(name, 'npx', ['playwright', 'test', ...configArgs, '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile,
  });
  if (!existsSync(reportFile)) return;
  const stats = JSON.parse(readFileSync(reportFile, 'utf8')).stats ?? {};
  tally.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  tally.failed += stats.unexpected ?? 0;
  tally.skipped += stats.skipped ?? 0;
}

playwrightStep('e2e (Chromium)', [], 'playwright.json');
// Skips itself, printing why, where no Electron binary (or on Linux no display) exists.
playwrightStep('e2e (Electron)', ['-c', 'playwright.electron.config.ts'], 'playwright-electron.json');

console.log('\n=== summary');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds.toFixed(1)} s)`);
const failedSteps = steps.filter((s) => !s.ok).length;
// A failing step with no failing test in it (lint, build, a crashed runner) still counts as a failure.
const failed = Math.max(tally.failed, failedSteps > 0 && tally.failed === 0 ? failedSteps : tally.failed);
console.log(`${tally.passed} passed, ${failed} failed, ${tally.skipped} skipped`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
