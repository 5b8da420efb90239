// Failure modes (SIETCH_FAKE_SMI_MODE): the ways a real nvidia-smi lets a caller down.

export const DRIVER_NOT_LOADED =
  "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n\n";

export const STDERR_WARNING = 'WARNING: infoROM is corrupted at gpu 0000:18:00.0\n';

/** Bytes that are not XML (and not UTF-8 text either), the same on every run. */
export function garbage(size = 4096) {
  let seed = 0x5eed;
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes[i] = seed >>> 24;
  }
  return bytes;
}

/** A report cut where the process died: well inside a <gpu>, never at the end. */
export function truncate(xml) {
  return xml.slice(0, Math.floor(xml.length * 0.6));
}

/** A stuck nvidia-smi (GPU fallen off the bus, process in the kernel): ignores SIGTERM, never ends. */
export function hangForever() {
  process.on('SIGTERM', () => {});
  process.on('SIGINT', () => {});
  setInterval(() => {}, 1 << 30);
}
