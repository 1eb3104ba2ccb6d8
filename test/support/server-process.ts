import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SERVER_READY_PREFIX, type ServerProcessReady } from './server-process-protocol.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ServerProcessOptions {
  /** a fixed port, so a restarted server is found where the phone knows it */
  port: number;
  /** the SQLite file; the same one after a restart keeps IDs, secrets and login tokens */
  dbPath: string;
}

/**
 * The real server in a child process (test/support/server-process-entry.ts), for tests that
 * need to kill it the hard way and start it again. Every instance must be stopped (or killed)
 * by the test's cleanup; `stop` is safe after `kill` and twice.
 */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly ready: ServerProcessReady,
    private readonly exited: Promise<void>,
  ) {}

  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/support/server-process-entry.ts')], {
      cwd: repoRoot,
      env: { ...process.env, PLUSPHONE_TEST_PORT: String(options.port), PLUSPHONE_TEST_DB: options.dbPath },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    const output: string[] = [];
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => output.push(chunk.trimEnd()));
    try {
      const ready = await waitForReady(child, output);
      return new ServerProcess(child, ready, exited);
    } catch (error) {
      child.kill('SIGKILL');
      await exited;
      throw error;
    }
  }

  get httpUrl(): string {
    return this.ready.httpUrl;
  }

  get isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL: no unREGISTER, no close frames, no clean database shutdown — a crash. */
  async kill(): Promise<void> {
    if (this.isRunning) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (clean close), SIGKILL if it takes too long. */
  async stop(): Promise<void> {
    if (!this.isRunning) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

/** A port that was free a moment ago (the child binds it; a collision fails the start loudly). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  return port;
}

function waitForReady(child: ChildProcess, output: string[]): Promise<ServerProcessReady> {
  return new Promise((resolveReady, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const fail = (reason: string): void => {
      clearTimeout(timer);
      lines.close();
      reject(new Error(`test server ${reason}:\n${output.join('\n')}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => fail(`exited during start-up (code ${code}, signal ${signal})`);
    child.once('exit', onExit);
    lines.on('line', (line) => {
      if (!line.startsWith(SERVER_READY_PREFIX)) {
        output.push(line);
        return;
      }
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      resolveReady(JSON.parse(line.slice(SERVER_READY_PREFIX.length)) as ServerProcessReady);
    });
  });
}
