import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

// One build for the Electron shell and the browser host: out/main, out/preload, out/renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(root, 'src-main/electron/main.ts') } },
      // native modules stay outside the bundle and are unpacked from asar by electron-builder
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only be CommonJS and can only require 'electron': bundle the rest.
      rollupOptions: {
        input: { index: resolve(root, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
      externalizeDeps: false,
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      rollupOptions: {
        input: {
          main: resolve(root, 'src-renderer/windows/main/index.html'),
          popup: resolve(root, 'src-renderer/windows/popup/popup.html'),
          media: resolve(root, 'src-renderer/media/media.html'),
        },
      },
    },
  },
});
