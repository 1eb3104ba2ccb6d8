import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';
import { HOST_URL_ENV, READY_PREFIX, SERVER_URL_ENV, WRONG_DIGEST_HOST_URL_ENV, type StackUrls } from './stack-protocol.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STARTUP_TIMEOUT_MS = 30_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;

function requireBuiltRenderer(rendererDir: string): void {
  if (!existsSync(join(rendererDir, 'windows/main/index.html'))) {
    throw new Error(
      `The renderer build is missing (${rendererDir}/windows/main/index.html).\n` +
        'Build it first: npx electron-vite build',
    );
  }
}

function requireChromium(config: FullConfig): void {
  const executable = config.projects[0]?.use.launchOptions?.executablePath;
  if (executable && !existsSync(executable)) {
    throw new Error(`Chromium is not installed at ${executable}: apt-get install -y chromium (or set PLUSPHONE_CHROMIUM)`);
  }
}

/** Wait for the child's ready line; fail with its output if it dies or takes too long. */
function waitForReady(child: ChildProcess, output: string[]): Promise<StackUrls> {
  return new Promise((resolveReady, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const fail = (reason: string) => {
      clearTimeout(timer);
      lines.close();
      reject(new Error(`e2e stack ${reason}:\n${output.join('\n')}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
    child.once('exit', (code, signal) => fail(`exited during start-up (code ${code}, signal ${signal})`));
    lines.on('line', (line) => {
      if (!line.startsWith(READY_PREFIX)) {
        output.push(line);
        return;
      }
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolveReady(JSON.parse(line.slice(READY_PREFIX.length)) as StackUrls);
    });
  });
}

interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** SIGTERM, then SIGKILL if it does not stop in time; resolves with how it ended. */
async function stopChild(child: ChildProcess): Promise<ChildExit> {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  const exited = new Promise<ChildExit>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), SHUTDOWN_TIMEOUT_MS);
  const exit = await exited;
  clearTimeout(timer);
  return exit;
}

/**
 * Starts the real server (fresh database) and the browser host once for the whole run, in a
 * child process, and hands their URLs to the tests through the environment.
 */
export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const rendererDir = resolve(repoRoot, 'out/renderer');
  requireBuiltRenderer(rendererDir);
  requireChromium(config);

  const dataDir = await mkdtemp(join(tmpdir(), 'plusphone-e2e-'));
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'e2e/support/stack-process.ts')], {
    cwd: repoRoot,
    env: { ...process.env, PLUSPHONE_E2E_DATA_DIR: dataDir, PLUSPHONE_E2E_RENDERER_DIR: rendererDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    output.push(chunk.trimEnd());
    if (output.length > 200) output.splice(0, output.length - 200);
    if (process.env.PLUSPHONE_E2E_VERBOSE) process.stderr.write(chunk);
  });

  const teardown = async () => {
    const exit = await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
    // a stack that cannot stop cleanly (hang, crash in native teardown) is a bug worth failing on
    if (exit.code !== 0) {
      throw new Error(`e2e stack did not stop cleanly (code ${exit.code}, signal ${exit.signal}):\n${output.join('\n')}`);
    }
  };

  try {
    const urls = await waitForReady(child, output);
    process.env[HOST_URL_ENV] = urls.hostUrl;
    process.env[SERVER_URL_ENV] = urls.serverUrl;
    process.env[WRONG_DIGEST_HOST_URL_ENV] = urls.wrongDigestHostUrl;
  } catch (error) {
    await teardown().catch(() => undefined);
    throw error;
  }
  return teardown;
}
