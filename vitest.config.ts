import { defineConfig } from 'vitest/config';

// Three projects, run as separate phases by `npm test`: unit (beside the code), integration
// (real SQLite files, real processes, real sockets) and e2e (the built app in Debian Chromium).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['electron/**/*.test.ts', 'renderer/src/**/*.test.{ts,tsx}'], environment: 'node' } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { name: 'bench', include: [], benchmark: { include: ['test/bench/**/*.bench.ts'] }, environment: 'node' } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
