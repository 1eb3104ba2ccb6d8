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

const vitestJson = join(reportDir, 'vitest.json');
step('unit + integration tests', 'npx', [
  'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  tally.passed += report.numPassedTests ?? 0;
  tally.failed += report.numFailedTests ?? 0;
  tally.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

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
