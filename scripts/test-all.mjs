// `npm test`: set-up on a fresh machine, then every check: lint (with the layer rules), type
// checks, the build, unit + Node integration tests (vitest), and the Chromium e2e (Playwright).
// Ends with one line `N passed, N failed, N skipped` over all tests and steps.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureChromium, ensureDependencies, root, run } from './setup.mjs';

ensureChromium();
ensureDependencies();

const reportDir = join(root, 'out', 'test-reports');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const steps = [];
const tally = { passed: 0, failed: 0, skipped: 0 };
/** What failed, named in the summary so that the end of a long log says which test broke. */
const failures = [];
/** Tests that failed once and passed when run again: named so that they get fixed, not forgotten. */
const flaky = [];

function firstLine(message) {
  return String(message ?? '').split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 300) ?? '';
}

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
  return JSON.parse(readFileSync(reportFile, 'utf8')).testResults.map((file) => {
    const failedTests = file.assertionResults.filter((t) => t.status === 'failed');
    // A file that failed outside any test (an import, a hook) counts once; a failing test is not counted twice.
    const fileError = file.status === 'failed' && failedTests.length === 0;
    return {
      name: file.name,
      failures: [
        ...failedTests.map((t) => ({ where: `${relative(root, file.name)} › ${t.fullName ?? t.title}`, test: t.fullName ?? t.title, why: firstLine(t.failureMessages?.[0]) })),
        ...(fileError ? [{ where: relative(root, file.name), why: firstLine(file.message) || 'the file failed outside its tests' }] : []),
      ],
      passed: file.assertionResults.filter((t) => t.status === 'passed').length,
      failed: failedTests.length + (fileError ? 1 : 0),
      skipped: file.assertionResults.filter((t) => t.status === 'skipped' || t.status === 'todo').length,
      // tests that never ran: the file's worker process died under them
      notRun: file.assertionResults.filter((t) => t.status === 'pending').length,
    };
  });
}

/** At most this many files are run a second time; more failing at once is no flake. */
const MAX_FILES_RUN_AGAIN = 3;

/**
 * One vitest project. A file whose worker died (@roamhq/wrtc is native and can crash a process
 * while it tears peer connections down) is run once more; with `againOnFailure` (real servers,
 * SIP and media, where timing on a busy machine can still lose a race) so is a file with a failing
 * test. Either is said loudly and named in the summary as flaky; failing twice fails the run.
 */
function vitestStep(name, project, { againOnFailure = false } = {}) {
  const reportFile = join(reportDir, `vitest-${project}.json`);
  const args = ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`];
  const ok = step(name, 'npx', args);
  let files = vitestFiles(reportFile);
  const crashed = (f) => f.notRun > 0 && f.failed === 0;
  const again = files.filter((f) => crashed(f) || (againOnFailure && f.failed > 0));
  const onlyThose = files.every((f) => again.includes(f) || (f.failed === 0 && f.notRun === 0));
  if (!ok && again.length > 0 && again.length <= MAX_FILES_RUN_AGAIN && onlyThose) {
    const names = again.map((f) => f.name);
    for (const f of again) {
      const first = crashed(f) ? 'its worker exited unexpectedly (native crash)' : f.failures.map((x) => `${x.where}: ${x.why}`).join('; ');
      console.log(`\n!!! ${name}: ${relative(root, f.name)} failed (${first}); running it once more`);
    }
    steps.pop();
    const retryFile = join(reportDir, `vitest-${project}-again.json`);
    step(`${name} (${names.length} file(s) run again)`, 'npx', ['vitest', 'run', '--project', project, ...names, '--reporter=default', '--reporter=json', `--outputFile.json=${retryFile}`]);
    const second = vitestFiles(retryFile);
    for (const f of again) {
      const rerun = second.find((r) => r.name === f.name);
      if (rerun && rerun.failed === 0 && rerun.notRun === 0) {
        flaky.push({ where: relative(root, f.name), why: crashed(f) ? 'worker crashed the first time' : f.failures.map((x) => `${x.test ?? x.where}: ${x.why}`).join('; ') });
      }
    }
    files = [...files.filter((f) => !names.includes(f.name)), ...second];
  }
  for (const f of files) {
    tally.passed += f.passed;
    tally.failed += f.failed + f.notRun;
    tally.skipped += f.skipped;
    failures.push(...f.failures);
    if (f.notRun > 0) failures.push({ where: relative(root, f.name), why: `${f.notRun} test(s) never ran: the worker process exited under them` });
  }
}

vitestStep('unit tests', 'unit');
// one file at a time, alone on the machine: real servers, SIP and media
vitestStep('Node integration tests', 'integration', { againOnFailure: true });

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
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const stats = report.stats ?? {};
  failures.push(...playwrightFailures(report));
  tally.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  tally.failed += stats.unexpected ?? 0;
  tally.skipped += stats.skipped ?? 0;
}

/** Failed tests of a Playwright JSON report, with the first line of their error (flaky ones go to `flaky`). */
function playwrightFailures(report) {
  const found = [];
  const errorLine = (result) => firstLine(result?.error?.message ?? result?.errors?.[0]?.message);
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      const where = `${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')}`;
      for (const test of spec.tests ?? []) {
        if (test.status === 'flaky') flaky.push({ where, why: errorLine(test.results?.find((r) => r.status !== 'passed')) });
        if (test.status === 'unexpected') found.push({ where, why: errorLine(test.results?.at(-1)) });
      }
    }
    for (const child of suite.suites ?? []) visit(child, suite.title && !suite.title.endsWith('.ts') ? [...titles, suite.title] : titles);
  };
  for (const suite of report.suites ?? []) visit(suite, []);
  return found;
}

playwrightStep('e2e (Chromium)', [], 'playwright.json');
// Skips itself, printing why, where no Electron binary (or on Linux no display) exists.
playwrightStep('e2e (Electron)', ['-c', 'playwright.electron.config.ts'], 'playwright-electron.json');

console.log('\n=== summary');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds.toFixed(1)} s)`);
for (const f of flaky) console.log(`  flaky (passed when run again): ${f.where}\n          ${f.why}`);
for (const f of failures) console.log(`  failed: ${f.where}\n          ${f.why}`);
const failedSteps = steps.filter((s) => !s.ok).length;
// A failing step with no failing test in it (lint, build, a crashed runner) still counts as a failure.
const failed = tally.failed === 0 ? failedSteps : tally.failed;
console.log(`${tally.passed} passed, ${failed} failed, ${tally.skipped} skipped`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
