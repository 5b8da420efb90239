import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The `sietch` command and the headless server: a Node build of core + server + cli into dist/cli.
// Dependencies stay external (ssr build), so better-sqlite3 loads the Node ABI build.
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    // The audit verifier's worker thread is a second entry beside the command (verify-parallel.ts finds it there).
    rollupOptions: {
      input: { sietch: resolve(import.meta.dirname, 'electron/cli/index.ts'), 'audit-verify-worker': resolve(import.meta.dirname, 'electron/core/audit/verify-worker.ts') },
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', format: 'es' },
    },
  },
});
