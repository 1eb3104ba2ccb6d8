import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // @roamhq/wrtc can crash a process while it tears down; forks isolate that from the runner.
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src-*/**/*.test.ts', 'src-*/**/*.test.tsx', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // one real server and real media per file; two cores share two CPU cores
          fileParallelism: false,
        },
      },
    ],
  },
});
