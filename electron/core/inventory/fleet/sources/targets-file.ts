import { readFile } from 'node:fs/promises';

/**
 * A target as written (`gpu-07:9400`, `http://gpu-07:9400/metrics`, `https://…`) → the URL scraped.
 * A bare host:port gets http:// and /metrics, as Prometheus does by default.
 */
export function targetUrl(target: string): URL {
  const trimmed = target.trim();
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`target ${target}: only http and https are scraped`);
  if (url.pathname === '/' && !trimmed.endsWith('/')) url.pathname = '/metrics';
  return url;
}

/** The host of a target, used as the host name when its series carry no host label. */
export function targetHost(target: string): string {
  try {
    return targetUrl(target).hostname;
  } catch {
    return target;
  }
}

/**
 * Targets from a file: Prometheus file_sd JSON (`[{"targets": ["host:9400"], "labels": {…}}]`),
 * so one file can feed both Prometheus and Sietch, or plain text with one target per line
 * (`#` starts a comment). Duplicates are dropped; an unusable entry refuses the file with its line.
 */
export function parseTargetsFile(text: string, name = 'targets file'): string[] {
  const trimmed = text.trim();
  const targets: string[] = [];
  if (trimmed.startsWith('[')) {
    let groups: unknown;
    try {
      groups = JSON.parse(trimmed);
    } catch (error) {
      throw new Error(`${name}: not valid JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(groups)) throw new Error(`${name}: expected a list of target groups`);
    groups.forEach((group: unknown, index) => {
      const list = (group as { targets?: unknown } | null)?.targets;
      if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) throw new Error(`${name}: group ${index + 1} has no "targets" list of strings`);
      targets.push(...(list as string[]));
    });
  } else {
    text.split(/\r?\n/).forEach((line, index) => {
      const entry = line.replace(/#.*$/, '').trim();
      if (entry === '') return;
      if (/\s/.test(entry)) throw new Error(`${name}: line ${index + 1}: one target per line ("${entry}")`);
      targets.push(entry);
    });
  }
  for (const target of targets) {
    try {
      targetUrl(target);
    } catch (error) {
      throw new Error(`${name}: "${target}" is not a target (${(error as Error).message})`);
    }
  }
  return [...new Set(targets)];
}

export async function readTargetsFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the targets file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseTargetsFile(text, file);
}
