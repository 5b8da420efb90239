import { fileURLToPath } from 'node:url';

/** The Sietch checkout: two levels up from both electron/cli/*.ts (sources, tests) and dist/cli/sietch.js (the build). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The simulator's fake nvidia-smi (an executable Node script), used by `--simulate`. */
export const SIMULATOR_NVIDIA_SMI = fileURLToPath(new URL('../../resources/fake-nvidia-smi/nvidia-smi', import.meta.url));
