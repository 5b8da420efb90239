import http from 'node:http';
import https from 'node:https';
import { DCGM_METRICS, type DcgmSeries } from '../dcgm/dcgm-fields';
import { DEFAULT_HOST_LABELS, normalizeDcgm } from '../dcgm/normalize-dcgm';
import type { FleetReadOptions, FleetSourceRead, FleetSourceSpec, TargetRead } from './fleet-source';
import { httpRequest, mapWithLimit, type HttpResult } from './http-get';
import { resolveAuth, type ResolvedAuth } from './source-auth';

export const DEFAULT_UP_QUERY = 'up{job=~".*dcgm.*"}';

/** The labels a GPU is known by; `max by` keeps these and folds away pod/container/namespace churn. */
const IDENTITY_LABELS = ['UUID', 'uuid', 'gpu', 'pci_bus_id', 'modelName', 'DCGM_FI_DRIVER_VERSION', 'GPU_I_ID', 'GPU_I_PROFILE', 'instance', 'job'];

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8 });

/** One DCGM field across the fleet: `max by (identity labels) (FIELD{selector})`. */
export function dcgmQuery(metric: string, source: Pick<FleetSourceSpec, 'selector' | 'hostLabels'>): string {
  const labels = [...new Set([...IDENTITY_LABELS, ...DEFAULT_HOST_LABELS, ...(source.hostLabels ?? [])])];
  return `max by (${labels.join(', ')}) (${metric}${source.selector ?? ''})`;
}

interface VectorElement {
  metric: Record<string, string>;
  value: number;
}

type QueryResult = { ok: true; vector: VectorElement[]; bytes: number } | { ok: false; message: string; reachable: boolean };

/** A Prometheus API answer → its instant vector, checked by hand (150,000 elements a sweep: no schema library in the loop). */
function vectorOf(answer: HttpResult): QueryResult {
  if (!answer.ok && answer.failure !== 'http-status') return { ok: false, message: answer.message, reachable: false };
  let body: unknown;
  try {
    body = JSON.parse(answer.ok ? answer.body : answer.message.replace(/^HTTP \d+: /, ''));
  } catch {
    return { ok: false, message: answer.ok ? 'the answer is not JSON: not a Prometheus API' : answer.message, reachable: answer.ok };
  }
  const envelope = body as { status?: unknown; error?: unknown; errorType?: unknown; data?: { resultType?: unknown; result?: unknown } };
  if (envelope.status !== 'success') return { ok: false, message: `Prometheus refused the query: ${String(envelope.errorType ?? 'error')}: ${String(envelope.error ?? (answer.ok ? 'no status' : answer.message))}`, reachable: true };
  if (envelope.data?.resultType !== 'vector' || !Array.isArray(envelope.data.result)) return { ok: false, message: 'the answer is not an instant vector', reachable: true };
  const vector: VectorElement[] = [];
  for (const element of envelope.data.result as unknown[]) {
    const { metric, value } = element as { metric?: unknown; value?: unknown };
    if (metric === null || typeof metric !== 'object' || !Array.isArray(value) || value.length !== 2 || typeof value[1] !== 'string') return { ok: false, message: 'a vector element has no metric or value', reachable: true };
    // Prometheus writes sample values as strings: "NaN", "+Inf", "-Inf" or a Go float.
    const text = value[1];
    const number = text === 'NaN' ? Number.NaN : text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
    vector.push({ metric: metric as Record<string, string>, value: number });
  }
  return { ok: true, vector, bytes: answer.ok ? answer.bytes : 0 };
}

function query(base: URL, promql: string, auth: ResolvedAuth, options: FleetReadOptions): Promise<QueryResult> {
  const url = new URL('api/v1/query', base.href.endsWith('/') ? base : new URL(`${base.href}/`));
  // POST keeps long selectors out of URLs and logs; every Prometheus-compatible API (Thanos, Mimir, VictoriaMetrics) takes it.
  const body = new URLSearchParams({ query: promql, timeout: `${Math.max(1, Math.floor(options.timeoutMs / 1000))}s` }).toString();
  return httpRequest(url, {
    method: 'POST',
    body,
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...auth.headers },
    ca: auth.ca,
    agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
  }).then(vectorOf);
}

/**
 * Reads the DCGM fields of every GPU through the Prometheus HTTP API: one instant query per field
 * (batching by field keeps each answer to one series per GPU, about 10,000 at the scale we aim
 * for), at most `concurrency` at once, then `up` for the per-target health. Prometheus answering
 * an error or not at all makes the source `down`; its GPUs are then not counted as missed
 * (Prometheus being down says nothing about the racks), see docs/fleet-sources.md.
 */
export async function readPrometheusSource(source: FleetSourceSpec, options: FleetReadOptions): Promise<FleetSourceRead> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const down = (message: string): FleetSourceRead => ({ sourceId: source.id, state: 'down', unreadable: true, message, hosts: [], targets: [], warnings: [], durationMs: elapsed(), bytes: 0 });
  if (!source.url) return down('no Prometheus URL configured');
  let base: URL;
  let auth: ResolvedAuth;
  try {
    base = new URL(source.url);
    auth = await resolveAuth(source);
  } catch (error) {
    return down((error as Error).message);
  }
  const concurrency = Math.min(options.concurrency, 8);
  const answers = await mapWithLimit(DCGM_METRICS, concurrency, (metric) => query(base, dcgmQuery(metric, source), auth, options));
  const failure = answers.find((answer): answer is Extract<QueryResult, { ok: false }> => !answer.ok);
  if (failure) return down(failure.message);
  const series: DcgmSeries[] = [];
  let bytes = 0;
  answers.forEach((answer, index) => {
    if (!answer.ok) return;
    bytes += answer.bytes;
    for (const element of answer.vector) series.push({ name: DCGM_METRICS[index]!, labels: element.metric, value: element.value });
  });
  const normalized = normalizeDcgm(series, { ...(source.hostLabels ? { hostLabels: source.hostLabels } : {}), fallbackHost: (labels) => labels.instance ?? null });

  // Per-target health as Prometheus sees it: its `up` series. A down target's DCGM series went stale, so its GPUs are simply absent above.
  const hostsByInstance = new Map<string, Set<string>>();
  for (const element of series) {
    const instance = element.labels.instance;
    if (!instance) continue;
    const hostname = (source.hostLabels ?? DEFAULT_HOST_LABELS).map((name) => element.labels[name]).find((value) => value) ?? instance;
    let set = hostsByInstance.get(instance);
    if (!set) hostsByInstance.set(instance, (set = new Set()));
    set.add(hostname);
  }
  const up = await query(base, source.upQuery ?? DEFAULT_UP_QUERY, auth, options);
  const warnings = [...normalized.warnings];
  const targets: TargetRead[] = [];
  if (!up.ok) warnings.push(`the targets' health (up) could not be read: ${up.message}`);
  else {
    bytes += up.bytes;
    for (const element of up.vector) {
      const instance = element.metric.instance ?? '(no instance)';
      const target = element.metric.job ? `${element.metric.job}/${instance}` : instance;
      const isUp = element.value === 1;
      targets.push({ target, state: isUp ? 'up' : 'down', message: isUp ? null : 'Prometheus cannot scrape this target (up == 0)', durationMs: null, bytes: null, series: null, hostnames: [...(hostsByInstance.get(instance) ?? [])].sort() });
    }
    targets.sort((a, b) => (a.target < b.target ? -1 : 1));
  }
  const downTargets = targets.filter((target) => target.state !== 'up').length;
  return {
    sourceId: source.id,
    unreadable: false,
    state: downTargets === 0 ? 'ok' : 'partial',
    message: downTargets === 0 ? null : `${downTargets} of ${targets.length} targets are down in Prometheus`,
    hosts: normalized.hosts,
    targets,
    warnings,
    durationMs: elapsed(),
    bytes,
  };
}
