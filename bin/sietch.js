#!/usr/bin/env node
// The installed `sietch` command. The TypeScript sources are built into dist/cli by `npm ci`
// (the package's prepare step); this shim only loads that build or says how to make it.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/sietch.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('sietch: the command is not built yet (dist/cli/sietch.js is missing).\nRun `npm run build` in the Sietch checkout (npm ci runs it for you).\n');
  process.exit(2);
}
await import(pathToFileURL(built).href);
