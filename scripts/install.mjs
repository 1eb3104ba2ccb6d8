// `node scripts/install.mjs`: everything the product and the tests need on a fresh machine.
import { ensureChromium, ensureDependencies } from './setup.mjs';

ensureChromium();
ensureDependencies();
console.log('[setup] ready');
