import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../../../electron/contract/wire';
import { fleetSourceInput } from '../../../../electron/contract/schemas/fleet';
import { isApiErrorBody } from '../../../../electron/contract/errors';
import { buildSourceInput, EMPTY_SOURCE_FORM, errorsFromIssues, isScrapeTarget, parseTargetList, type SourceFormValues } from './source-form';

const form = (values: Partial<SourceFormValues>): SourceFormValues => ({ ...EMPTY_SOURCE_FORM, ...values });

/** The issues the real server decoder gives for an input (the same code runs in `sietch serve`). */
function serverIssues(method: 'fleet.source.add' | 'fleet.source.test', input: unknown): { path: string; message: string }[] {
  try {
    decodeInput(method, input);
  } catch (error) {
    if (isApiErrorBody(error) && error.issues) return error.issues;
    throw error;
  }
  return [];
}

describe('the fleet source form', () => {
  it('builds a Prometheus source with basic auth and a selector', () => {
    const built = buildSourceInput(form({ name: ' Paris ', site: 'par-2', url: 'https://prom.par-2:9090', selector: '{cluster="par-2"}', auth: 'basic', username: 'sietch', passwordFile: '/etc/sietch/prom.pass', caFile: '/etc/ssl/ca.pem', hostLabels: 'kubernetes_node, Hostname' }));
    expect(built.errors).toEqual({});
    expect(built.input).toEqual({ kind: 'prometheus', name: 'Paris', site: 'par-2', url: 'https://prom.par-2:9090', selector: '{cluster="par-2"}', basicAuth: { username: 'sietch', passwordFile: '/etc/sietch/prom.pass' }, caFile: '/etc/ssl/ca.pem', hostLabels: ['kubernetes_node', 'Hostname'] });
    expect(fleetSourceInput.safeParse(built.input).success).toBe(true);
  });

  it('builds a targets source from a pasted list, ignoring comments, separators and repeats', () => {
    expect(parseTargetList('gpu-07:9400, gpu-08:9400\n# rack 2\nhttp://gpu-09:9400/metrics  gpu-07:9400 # again\n\n')).toEqual(['gpu-07:9400', 'gpu-08:9400', 'http://gpu-09:9400/metrics']);
    const built = buildSourceInput(form({ kind: 'targets', name: 'rack 7', targets: 'gpu-07:9400\ngpu-08:9400', auth: 'bearer', bearerTokenFile: '/run/token', url: 'ignored: other kind' }));
    expect(built.input).toEqual({ kind: 'targets', name: 'rack 7', targets: ['gpu-07:9400', 'gpu-08:9400'], bearerTokenFile: '/run/token' });
    expect(buildSourceInput(form({ kind: 'targets', name: 'from file', targetsFile: '/etc/prometheus/dcgm.json' })).input).toEqual({ kind: 'targets', name: 'from file', targetsFile: '/etc/prometheus/dcgm.json' });
  });

  it('names the field of each problem', () => {
    expect(buildSourceInput(form({})).errors).toEqual({ name: { kind: 'required' }, url: { kind: 'required' } });
    expect(buildSourceInput(form({ name: 'x', url: 'prometheus:9090' })).errors).toEqual({ url: { kind: 'url' } });
    expect(buildSourceInput(form({ name: 'x', url: 'ftp://prometheus' })).errors).toEqual({ url: { kind: 'url' } });
    expect(buildSourceInput(form({ name: 'x', url: 'http://p:9090', selector: 'cluster="a"' })).errors).toEqual({ selector: { kind: 'selector' } });
    expect(buildSourceInput(form({ kind: 'targets', name: 'x' })).errors).toEqual({ targets: { kind: 'targetsRequired' } });
    expect(buildSourceInput(form({ kind: 'targets', name: 'x', targets: 'gpu-1:9400 ftp://gpu-2' })).errors).toEqual({ targets: { kind: 'target', target: 'ftp://gpu-2' } });
    expect(buildSourceInput(form({ name: 'x', url: 'http://p:9090', hostLabels: 'node, 9lives' })).errors).toEqual({ hostLabels: { kind: 'labelName', label: '9lives' } });
    expect(buildSourceInput(form({ name: 'x', url: 'http://p:9090', auth: 'basic' })).errors).toEqual({ username: { kind: 'required' }, passwordFile: { kind: 'required' } });
    expect(buildSourceInput(form({ name: 'x', url: 'http://p:9090', auth: 'bearer' })).errors).toEqual({ bearerTokenFile: { kind: 'required' } });
    expect(buildSourceInput(form({ name: 'n'.repeat(101), url: 'http://p:9090' })).errors).toEqual({ name: { kind: 'tooLong', max: 100 } });
    // Limits whose server issue comes back without a path through fleet.source.test's union: checked here.
    expect(buildSourceInput(form({ name: 'x', url: 'http://p:9090', hostLabels: 'l0 l1 l2 l3 l4 l5 l6 l7 l8 l9 l10' })).errors).toEqual({ hostLabels: { kind: 'tooMany', max: 10 } });
  });

  it('accepts the target spellings the core scrapes', () => {
    expect(['gpu-07:9400', '10.0.0.7:9400', 'http://gpu:9400/metrics', 'https://gpu/metrics', '[::1]:9400'].every(isScrapeTarget)).toBe(true);
    expect(['ftp://gpu', 'http://', 'gpu 7', ':9400'].some(isScrapeTarget)).toBe(false);
  });

  it('whatever it accepts, the contract accepts too (property)', () => {
    const text = fc.string({ maxLength: 40 });
    const values = fc.record({
      kind: fc.constantFrom('prometheus' as const, 'targets' as const),
      name: text,
      site: text,
      url: fc.oneof(text, fc.webUrl()),
      selector: fc.oneof(text, text.map((inner) => `{${inner}}`)),
      targets: fc.oneof(text, fc.array(fc.oneof(fc.domain().map((host) => `${host}:9400`), fc.webUrl()), { maxLength: 4 }).map((list) => list.join('\n'))),
      targetsFile: text,
      hostLabels: fc.oneof(text, fc.constantFrom('Hostname', 'node kubernetes_node', '')),
      auth: fc.constantFrom('none' as const, 'basic' as const, 'bearer' as const),
      username: text,
      passwordFile: text,
      bearerTokenFile: text,
      caFile: text,
    });
    fc.assert(
      fc.property(values, (typed) => {
        const built = buildSourceInput(typed);
        if (built.input === null) return;
        const parsed = fleetSourceInput.safeParse(built.input);
        expect(parsed.success, JSON.stringify({ typed, issues: parsed.error?.issues })).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("puts the server's field issues on the fields they name, for an add and for a test", () => {
    const source = { kind: 'prometheus', name: '', url: 'ftp://x', basicAuth: { username: '', passwordFile: '/p' }, hostLabels: ['ok', '1bad'] };
    for (const [method, input] of [
      ['fleet.source.add', source],
      ['fleet.source.test', { source }],
    ] as const) {
      const issues = serverIssues(method, input);
      expect(issues.length).toBeGreaterThan(0);
      const { fields, other } = errorsFromIssues(issues);
      expect(Object.keys(fields).sort()).toEqual(['hostLabels', 'name', 'url', 'username']);
      expect(fields.url).toEqual({ kind: 'server', message: 'an http(s) URL, e.g. http://prometheus:9090' });
      expect(other).toEqual([]);
    }
    const targets = errorsFromIssues(serverIssues('fleet.source.add', { kind: 'targets', name: 'r' }));
    expect(targets.fields).toEqual({ targets: { kind: 'server', message: 'give at least one target or a targets file' } });
    // A path no field holds is kept as a line, with its path.
    expect(errorsFromIssues([{ path: 'upQuery', message: 'Too big' }, { path: '(input)', message: 'Invalid input' }]).other).toEqual(['upQuery: Too big', 'Invalid input']);
  });
});
