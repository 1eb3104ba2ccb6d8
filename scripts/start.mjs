// `npm start`: set up on a fresh machine, build, then run the product: the bundled server with
// the demo tenant and the softphone (Electron when its binary is here, else the browser host).
// `npm run start:web` always uses the browser host.
import { ensureDependencies, run } from './setup.mjs';

ensureDependencies();
if (run('npx', ['electron-vite', 'build']) !== 0) {
  console.error('[start] build failed');
  process.exit(1);
}
process.exit(run('npx', ['tsx', 'scripts/launch.ts', ...process.argv.slice(2)]));
