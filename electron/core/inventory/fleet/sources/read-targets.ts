import http from 'node:http';
import https from 'node:https';
import { normalizeDcgm, type DcgmHostRead } from '../dcgm/normalize-dcgm';
import { formatExpositionError, parseExposition } from '../exposition/parse-exposition';
import type { FleetReadOptions, FleetSourceRead, FleetSourceSpec, TargetRead } from './fleet-source';
import { httpRequest, mapWithLimit } from './http-get';
import { resolveAuth } from './source-auth';
import { readTargetsFile, targetHost, targetUrl } from './targets-file';

/** Keep-alive agents shared by every sweep: 1,250 targets every minute should not mean 1,250 new TCP handshakes. */
const agents = new Map<number, { http: http.Agent; https: https.Agent }>();
function agentsFor(concurrency: number): { http: http.Agent; https: https.Agent } {
  let pair = agents.get(concurrency);
  if (!pair) agents.set(concurrency, (pair = { http: new http.Agent({ keepAlive: true, maxSockets: concurrency }), https: new https.Agent({ keepAlive: true, maxSockets: concurrency }) }));
  return pair;
}

interface ScrapeOutcome {
  target: TargetRead;
  hosts: DcgmHostRead[];
  warnings: string[];
  bytes: number;
}

/**
 * Scrapes every dcgm-exporter target of a source (at most `concurrency` at once, each within the
 * timeout), parses each answer strictly and normalizes it. A target that times out, refuses, answers
 * non-2xx or garbage is reported with its state and message; the others are read as usual.
 */
export async function readTargetsSource(source: FleetSourceSpec, options: FleetReadOptions): Promise<FleetSourceRead> {
  const started = performance.now();
  const down = (message: string): FleetSourceRead => ({ sourceId: source.id, state: 'down', unreadable: true, message, hosts: [], targets: [], warnings: [], durationMs: Math.round(performance.now() - started), bytes: 0 });
  let targets: string[];
  let auth;
  try {
    targets = [...new Set([...(source.targets ?? []), ...(source.targetsFile ? await readTargetsFile(source.targetsFile) : [])])];
    auth = await resolveAuth(source);
  } catch (error) {
    return down((error as Error).message);
  }
  if (targets.length === 0) return down('no targets configured');
  const pair = agentsFor(options.concurrency);
  const outcomes = await mapWithLimit(targets, options.concurrency, async (target): Promise<ScrapeOutcome> => {
    const fail = (state: TargetRead['state'], message: string, durationMs: number | null, bytes: number | null): ScrapeOutcome => ({ target: { target, state, message, durationMs, bytes, series: null, hostnames: [] }, hosts: [], warnings: [], bytes: bytes ?? 0 });
    let url: URL;
    try {
      url = targetUrl(target);
    } catch (error) {
      return fail('unreachable', (error as Error).message, null, null);
    }
    const answer = await httpRequest(url, { timeoutMs: options.timeoutMs, maxBytes: options.maxBytes, headers: { accept: 'text/plain;version=0.0.4', ...auth.headers }, ca: auth.ca, agent: url.protocol === 'https:' ? pair.https : pair.http });
    if (!answer.ok) return fail(answer.failure, answer.message, answer.durationMs, null);
    const parsed = parseExposition(answer.body);
    if (!parsed.ok) return fail('unparsable', `not Prometheus exposition text: ${formatExpositionError(parsed.error)}`, answer.durationMs, answer.bytes);
    const fallback = targetHost(target);
    const normalized = normalizeDcgm(parsed.value.samples, { ...(source.hostLabels ? { hostLabels: source.hostLabels } : {}), fallbackHost: () => fallback });
    return {
      target: { target, state: 'up', message: null, durationMs: answer.durationMs, bytes: answer.bytes, series: parsed.value.samples.length, hostnames: normalized.hosts.map((host) => host.hostname) },
      hosts: normalized.hosts,
      warnings: normalized.warnings.map((warning) => `${target}: ${warning}`),
      bytes: answer.bytes,
    };
  });
  // Two targets naming one host: the first keeps it (an exporter listed twice, or a copied Hostname).
  const hosts = new Map<string, DcgmHostRead>();
  const warnings: string[] = [];
  for (const outcome of outcomes) {
    warnings.push(...outcome.warnings);
    for (const host of outcome.hosts) {
      if (hosts.has(host.hostname)) warnings.push(`${outcome.target.target}: host ${host.hostname} is already reported by another target; ignored here`);
      else hosts.set(host.hostname, host);
    }
  }
  const failed = outcomes.filter((outcome) => outcome.target.state !== 'up').length;
  return {
    sourceId: source.id,
    unreadable: false,
    state: failed === 0 ? 'ok' : failed === outcomes.length ? 'down' : 'partial',
    message: failed === 0 ? null : `${failed} of ${outcomes.length} targets did not answer with metrics`,
    hosts: [...hosts.values()].sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0)),
    targets: outcomes.map((outcome) => outcome.target),
    warnings,
    durationMs: Math.round(performance.now() - started),
    bytes: outcomes.reduce((sum, outcome) => sum + outcome.bytes, 0),
  };
}
