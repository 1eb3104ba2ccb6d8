import { spawn } from 'node:child_process';

/**
 * Runs a bench module in a fresh Node process (`--json` plus `args`) and parses the JSON it
 * prints as its last line of stdout. Keeps each figure free of the other benches' leftovers
 * (and of @roamhq/wrtc objects still awaiting teardown in run.ts's own process).
 */
export function runBenchChild<T>(file: string, args: readonly string[] = [], nodeOptions: readonly string[] = []): Promise<T> {
  return runJsonChild<T>([...nodeOptions, '--import', 'tsx', file, '--json', ...args], file);
}

/** Runs `node <argv>` and parses the JSON it prints as its last line of stdout; `what` names it in errors. */
export function runJsonChild<T>(argv: readonly string[], what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`${what} exited with ${signal ?? code}`));
        return;
      }
      try {
        const lines = Buffer.concat(chunks).toString('utf8').trim().split('\n');
        resolve(JSON.parse(lines.at(-1) ?? '') as T);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
