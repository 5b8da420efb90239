import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real dcgm-exporter captures, read in place from ../shared/fixtures (never copied, never edited). */
export const DCGM_FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/dcgm-exporter/', import.meta.url));

export const DCGM_CAPTURES = {
  /** A100-SXM4-40GB, MIG off, two scrapes of one GPU separated by `----` lines, a title line on top. */
  a100: 'fake-gpu-operator__Empty_mig_disabled.ini',
  /** The same A100 model in MIG mode (3×1g.5gb + 2g.10gb): every row repeats the parent UUID, no GPU_UTIL. */
  a100Mig: 'fake-gpu-operator__4_Active_Workloads.ini',
  /** Tesla T4 (AWS), idle, with pci_bus_id; wrapped in `{ }` after header comments. */
  t4Idle: 'fake-gpu-operator__idle-gpu.yaml',
  /** Tesla T4 under load, with pod attribution labels. */
  t4Busy: 'fake-gpu-operator__active-whole-gpu-pod.yaml',
} as const;

export type DcgmCapture = keyof typeof DCGM_CAPTURES;

export function readDcgmFixture(name: string): string {
  return readFileSync(join(DCGM_FIXTURES, name), 'utf8');
}

/**
 * The exposition documents inside a capture file. The files are notes around real scrapes:
 * `.ini` files start with a title line and separate scrapes with `----` lines; `.yaml` files put
 * the exporter's own output in a `{ … }` block after "From DCGM Exporter Directly" (and a
 * Prometheus console dump, not exposition, after it). Only the scrapes come back.
 */
export function dcgmScrapes(capture: DcgmCapture): string[] {
  const text = readDcgmFixture(DCGM_CAPTURES[capture]);
  const direct = text.indexOf('From DCGM Exporter Directly');
  if (direct !== -1) {
    const open = text.indexOf('\n{\n', direct);
    const close = text.indexOf('\n}\n', open);
    if (open === -1 || close === -1) throw new Error(`${capture}: no { } block after the exporter header`);
    return [`${text.slice(open + 3, close)}\n`];
  }
  const body = text.slice(text.indexOf('\n') + 1); // the title line
  return body
    .split(/^-{8,}$/m)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => `${part}\n`);
}

/** The first scrape of a capture. */
export function dcgmScrape(capture: DcgmCapture): string {
  return dcgmScrapes(capture)[0]!;
}
