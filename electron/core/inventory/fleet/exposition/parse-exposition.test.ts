import { describe, expect, it } from 'vitest';
import { DCGM_CAPTURES, dcgmScrapes, type DcgmCapture } from '../../../../../test/support/dcgm-fixtures';
import { formatExpositionError, parseExposition, parseSampleValue, type ExpositionResult } from './parse-exposition';

function ok(result: ExpositionResult) {
  if (!result.ok) throw new Error(formatExpositionError(result.error));
  return result.value;
}

function refused(text: string) {
  const result = parseExposition(text);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(text)}`);
  return result.error;
}

describe('parseExposition on the real dcgm-exporter captures', () => {
  it.each(Object.keys(DCGM_CAPTURES) as DcgmCapture[])('%s parses whole, every sample typed by its # TYPE line', (capture) => {
    for (const scrape of dcgmScrapes(capture)) {
      const parsed = ok(parseExposition(scrape));
      const sampleLines = scrape.split('\n').filter((line) => line.startsWith('DCGM_'));
      expect(parsed.samples).toHaveLength(sampleLines.length);
      for (const sample of parsed.samples) expect(['gauge', 'counter']).toContain(parsed.families.get(sample.name)?.type);
    }
  });

  it('reads labels, values and help of the A100 scrape exactly', () => {
    const [first, second] = dcgmScrapes('a100');
    expect(second).toBeDefined();
    const parsed = ok(parseExposition(first!));
    const temp = parsed.samples.find((sample) => sample.name === 'DCGM_FI_DEV_GPU_TEMP')!;
    expect(temp.labels).toEqual({ gpu: '0', UUID: 'GPU-7099682b-a20d-2bcc-74ab-b9060454d81e', device: 'nvidia0', modelName: 'NVIDIA A100-SXM4-40GB', Hostname: 'nvidia-dcgm-exporter-drqwq', DCGM_FI_DRIVER_VERSION: '520.56.06', container: '', namespace: '', pod: '' });
    expect(temp.timestampMs).toBeNull();
    expect(parsed.families.get('DCGM_FI_DEV_XID_ERRORS')).toEqual({ name: 'DCGM_FI_DEV_XID_ERRORS', type: 'gauge', help: 'Value of the last XID error encountered.' });
    expect(parsed.families.get('DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION')?.type).toBe('counter');
  });

  it('keeps the MIG rows apart although they repeat the parent UUID (GPU_I_ID differs)', () => {
    const parsed = ok(parseExposition(dcgmScrapes('a100Mig')[0]!));
    const power = parsed.samples.filter((sample) => sample.name === 'DCGM_FI_DEV_POWER_USAGE');
    expect(power.map((sample) => [sample.labels.GPU_I_PROFILE, sample.labels.GPU_I_ID, sample.value])).toEqual([
      ['1g.5gb', '7', 112.252],
      ['1g.5gb', '8', 106.463],
      ['1g.5gb', '9', 106.463],
      ['2g.10gb', '5', 112.252],
    ]);
    expect(new Set(power.map((sample) => sample.labels.UUID)).size).toBe(1);
  });

  it('refuses the capture files as they are (titles, separators and wrappers are not exposition)', () => {
    for (const capture of ['a100', 't4Idle'] as const) {
      const raw = dcgmScrapes(capture).join('\n----------\n');
      expect(parseExposition(`Title line\n${raw}`).ok).toBe(false);
    }
  });
});

describe('parseExposition, the format rules', () => {
  it('accepts blanks, tabs, a trailing comma, escapes, timestamps, special values, free comments and no final newline', () => {
    const parsed = ok(
      parseExposition(
        ['# a free comment', '# HELP m Help with \\\\ and \\n.', '# TYPE m gauge', 'm{a="x\\"y\\\\z\\n",b="",} 1.5e3 1700000000000', 'm{a="2"}\t-Inf', '  m{a="3"}  NaN  ', 'm{a="4"} +Inf', 'other 7'].join('\n'),
      ),
    );
    expect(parsed.samples.map((sample) => [sample.name, sample.labels, sample.value, sample.timestampMs])).toEqual([
      ['m', { a: 'x"y\\z\n', b: '' }, 1500, 1700000000000],
      ['m', { a: '2' }, -Infinity, null],
      ['m', { a: '3' }, Number.NaN, null],
      ['m', { a: '4' }, Infinity, null],
      ['other', {}, 7, null],
    ]);
    expect(parsed.families.get('m')).toEqual({ name: 'm', type: 'gauge', help: 'Help with \\ and \n.' });
    expect(parsed.families.has('other')).toBe(false);
  });

  it('groups histogram and summary suffixes under their family', () => {
    const parsed = ok(parseExposition('# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_sum 3\nh_count 2\n# TYPE s summary\ns{quantile="0.5"} 1\ns_sum 1\ns_count 1\n'));
    expect(parsed.samples).toHaveLength(7);
  });

  it.each([
    ['a value that is not a number', 'm 12a\n', 1, 3, 'is not a number'],
    ['a missing value', 'm{a="1"}\n', 1, 9, 'needs a value'],
    ['an unclosed label set', 'm{a="1" 2\n', 1, 9, 'expected , or }'],
    ['an unclosed label value', 'm{a="1} 2\n', 1, 5, 'not closed'],
    ['a bad escape', 'm{a="\\t"} 2\n', 1, 6, 'invalid escape'],
    ['a duplicate label', 'm{a="1",a="2"} 2\n', 1, 9, 'given twice'],
    ['a reserved label name', 'm{__name__="x"} 2\n', 1, 3, 'reserved'],
    ['a label name starting with a digit', 'm{1a="x"} 2\n', 1, 3, 'expected a label name'],
    ['a metric name starting with a digit', '4 Active Workloads\n', 1, 1, 'expected a metric name'],
    ['text after the timestamp', 'm 1 2 3\n', 1, 7, 'after the timestamp'],
    ['a fractional timestamp', 'm 1 2.5\n', 1, 5, 'not a timestamp'],
    ['a duplicate series', 'm{a="1"} 1\nm{a="1"} 2\n', 2, 1, 'given twice'],
    ['a duplicate series with labels in another order', 'm{a="1",b="2"} 1\nm{b="2",a="1"} 2\n', 2, 1, 'given twice'],
    ['an unknown type', '# TYPE m gauges\n', 1, 10, 'unknown metric type'],
    ['a second TYPE', '# TYPE m gauge\n# TYPE m gauge\n', 2, 8, 'second # TYPE'],
    ['a second HELP', '# HELP m a\n# HELP m b\n', 2, 8, 'second # HELP'],
    ['a TYPE after the samples', 'm 1\n# TYPE m gauge\n', 2, 8, 'after its samples'],
    ['a family split in two groups', 'a 1\nb 1\na{x="1"} 1\n', 3, 1, 'not in one group'],
    ['a carriage return', 'm 1\r\n', 1, 4, 'carriage return'],
    ['a NUL', 'm 1\u0000\n', 1, 4, 'NUL'],
    ['a brace wrapper', '{\nm 1\n}\n', 1, 1, 'expected a metric name'],
  ])('refuses %s with its line and column', (_what, text, line, column, message) => {
    const error = refused(text);
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
    expect(error.message).toContain(message);
  });

  it('reads values the way the reference parser does, nothing looser', () => {
    expect(['1', '-1', '1.', '.5', '1e3', '1E-3', '+2', 'NaN', 'nan', '+Inf', '-inf', 'Inf', '9223372036854775794'].map(parseSampleValue)).toEqual([1, -1, 1, 0.5, 1000, 0.001, 2, Number.NaN, Number.NaN, Infinity, -Infinity, Infinity, Number(9223372036854775794n)]);
    for (const text of ['', '0x10', '1_000', '1,5', 'infinity', '--1', '1e', '.', 'e5', ' 1']) expect(parseSampleValue(text)).toBeNull();
  });
});
