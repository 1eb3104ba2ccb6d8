// Lint, including the layer rules of DESIGN.md §3: each layer may import only what it may.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream',
  'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];
const nodeModules = [...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `node:${m}`)];
const NODE_ONLY_PACKAGES = ['better-sqlite3', '@roamhq/wrtc', 'ws', 'electron-updater'];

const layer = (files, { packages = [], patterns = [] }) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: packages.map((name) => ({ name, message: 'This layer may not import this module (DESIGN.md §3).' })),
        patterns: patterns.map(({ group, message }) => ({ group, message })),
      },
    ],
  },
});

const otherLayer = (...layers) => ({
  group: layers.flatMap((l) => [`**/${l}`, `**/${l}/**`]),
  message: 'Layers import only the layers DESIGN.md §3 allows.',
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', '.data/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  { files: ['src-renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  // the お客様ページ: plain browser modules served by the server
  { files: ['src-server/customer-page/web/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  // src-shared: pure TypeScript, no other layer, no Node/DOM/Electron.
  layer(['src-shared/**/*.ts'], {
    packages: [...nodeModules, 'electron', 'react', 'react-dom', ...NODE_ONLY_PACKAGES, 'sip.js'],
    patterns: [otherLayer('src-main', 'src-renderer', 'src-server', 'src-preload')],
  }),
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'process', 'Buffer', 'require', '__dirname', 'localStorage'].map((name) => ({
          name,
          message: 'src-shared runs everywhere: no Node or DOM globals.',
        })),
      ],
    },
  },
  // src-main/core: plain Node, never Electron, never a window.
  layer(['src-main/core/**/*.ts'], {
    packages: ['electron', 'react', 'react-dom'],
    patterns: [otherLayer('src-server', 'src-preload', 'electron', 'host'), { group: ['**/src-renderer/windows/**'], message: 'core never imports UI.' }],
  }),
  // src-renderer: browser only.
  layer(['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'], {
    packages: [...nodeModules, 'electron', ...NODE_ONLY_PACKAGES],
    patterns: [otherLayer('src-main', 'src-server', 'src-preload')],
  }),
  // src-preload: only the contract and Electron's renderer-side API.
  layer(['src-preload/**/*.ts'], {
    packages: [...NODE_ONLY_PACKAGES, 'react', 'react-dom'],
    patterns: [otherLayer('src-main', 'src-server', 'src-renderer')],
  }),
  // src-server: its own world; shares only src-shared with the softphone.
  layer(['src-server/**/*.ts'], {
    packages: ['electron', 'react', 'react-dom'],
    patterns: [otherLayer('src-main', 'src-renderer', 'src-preload')],
  }),
);
