// Test-only helpers shared by the unit tests of this folder (the way renderer/src/features/host/test-inventory.ts is).
import { readFixture } from '../../../../test/support/fake-nvidia-smi';
import { assessHealth } from './health';
import { normalizeLog, type NormalizedLog } from './normalize-log';
import { parseSmiXml } from './parse-smi-xml';
import type { NvidiaGpuWithHealth } from './types';

export const XML_CAPTURES = [
  'datakit__gtx-1card.xml',
  'datakit__gtx-8card.xml',
  'telegraf__a100-sxm4-v12.xml',
  'telegraf__a10g.xml',
  'telegraf__dual_a5000-v13.xml',
  'telegraf__quadro-p400.xml',
  'telegraf__tesla-t4.xml',
] as const;

export function logOf(xml: string): NormalizedLog {
  const parsed = parseSmiXml(xml);
  if (!parsed.ok) throw new Error(parsed.error);
  return normalizeLog(parsed.log);
}

export function gpusOf(xml: string): NvidiaGpuWithHealth[] {
  return assessHealth(logOf(xml).gpus);
}

/** Replaces the n-th (0-based) occurrence of `search`; throws when there is none, so a mutation never silently does nothing. */
export function replaceNth(text: string, search: string, replacement: string, n = 0): string {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(search, at + 1);
    if (at === -1) throw new Error(`occurrence ${n} of ${search} not found`);
  }
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

/** A mutated copy of a real capture, made in memory (the file itself is never touched). */
export function mutated(name: string, ...edits: [search: string, replacement: string, n?: number][]): string {
  return edits.reduce((text, [search, replacement, n]) => replaceNth(text, search, replacement, n ?? 0), readFixture(name));
}
