import { fileURLToPath } from 'node:url';

/** The Sietch checkout: two levels up from both electron/cli/*.ts (sources, tests) and dist/cli/sietch.js (the build). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
