// `npm start`: set up on a fresh machine, build, then run the product: the bundled server with
// the demo tenant and the softphone (Electron when its binary is here, else the browser host).
// `npm run start:web` always uses the browser host.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies, root, run } from './setup.mjs';

ensureDependencies();
if (run('npx', ['electron-vite', 'build']) !== 0) {
  console.error('[start] build failed');
  process.exit(1);
}
// tsx directly (not through npx and a shell), so that a signal reaches the launcher itself
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const launcher = spawn(process.execPath, [tsx, 'scripts/launch.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
// A stop sent to this process alone (kill, a supervisor) must stop the server and softphone too.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => launcher.kill(signal));
launcher.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
