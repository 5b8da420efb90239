import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The `sietch` command and the headless server: a Node build of core + server + cli into dist/cli.
// Dependencies stay external (ssr build), so better-sqlite3 loads the Node ABI build.
export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'electron/cli/index.ts'),
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: { output: { entryFileNames: 'sietch.js', format: 'es' } },
  },
});
