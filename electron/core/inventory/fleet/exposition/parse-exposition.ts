// A strict parser of the Prometheus text exposition format (version 0.0.4), the format every
// dcgm-exporter `/metrics` endpoint serves. Why our own: docs/adr/0005-prometheus-exposition-parser.md.
//
// Strict means a document is accepted whole or refused whole, with the line and column of the
// first fault: a half-read scrape would make GPUs look missing that are not. It is written as a
// hand-rolled scanner over the string (no regex per line, no split) because one sweep of 10,000
// GPUs parses tens of megabytes.

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface ExpositionSample {
  /** The sample's own name (`x_bucket` for a histogram bucket of family `x`). */
  name: string;
  /** In the order written; empty values kept as written (Prometheus treats them as absent). Shared by the samples of one label set: never mutate. */
  labels: Readonly<Record<string, string>>;
  /** May be NaN or ±Infinity, as the format allows. */
  value: number;
  /** Milliseconds since the epoch when the line carries one, else null. */
  timestampMs: number | null;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string | null;
}

export interface ParsedExposition {
  samples: ExpositionSample[];
  families: Map<string, MetricFamily>;
}

export interface ExpositionError {
  line: number;
  column: number;
  message: string;
}

export type ExpositionResult = { ok: true; value: ParsedExposition } | { ok: false; error: ExpositionError };

const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
/** Sample-name suffixes that belong to a histogram or summary family. */
const SUFFIXES: Record<'histogram' | 'summary', readonly string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count'] };

class Fault extends Error {
  constructor(readonly column: number, message: string) {
    super(message);
  }
}

const isNameStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58; // a-z A-Z _ :
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57);
const isLabelStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isLabelChar = (c: number): boolean => isLabelStart(c) || (c >= 48 && c <= 57);
const isBlank = (c: number): boolean => c === 32 || c === 9;

const FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/;
const SPECIAL_FLOAT: Record<string, number> = { nan: Number.NaN, '+inf': Infinity, inf: Infinity, '-inf': -Infinity };
const INTEGER = /^-?\d+$/;

/** A sample value as the Go reference parser reads it (decimal, exponent, NaN, ±Inf), nothing looser. */
export function parseSampleValue(text: string): number | null {
  if (FLOAT.test(text)) return Number(text);
  const special = SPECIAL_FLOAT[text.toLowerCase()];
  return special === undefined ? null : special;
}

/** Scans the document one line at a time: [lineStart, end) is the current line without its line feed. */
class LineScanner {
  position = 0;
  lineStart = 0;
  end = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.position >= this.end;
  }

  code(): number {
    return this.text.charCodeAt(this.position);
  }

  fail(message: string, at = this.position): never {
    throw new Fault(at - this.lineStart + 1, message);
  }

  skipBlanks(): void {
    while (!this.done && isBlank(this.code())) this.position++;
  }

  metricName(): string {
    const start = this.position;
    if (this.done || !isNameStart(this.code())) this.fail('expected a metric name');
    while (!this.done && isNameChar(this.code())) this.position++;
    return this.text.slice(start, this.position);
  }

  labelName(): string {
    const start = this.position;
    if (this.done || !isLabelStart(this.code())) this.fail('expected a label name');
    while (!this.done && isLabelChar(this.code())) this.position++;
    return this.text.slice(start, this.position);
  }

  /** A double-quoted label value; the only escapes are \\, \" and \n. */
  quoted(): string {
    if (this.code() !== 34) this.fail('expected " to open a label value');
    this.position++;
    const start = this.position;
    let out: string | null = null;
    let chunk = start;
    for (;;) {
      if (this.done) this.fail('label value not closed before the end of the line', start - 1);
      const c = this.code();
      if (c === 34) {
        const value = out === null ? this.text.slice(start, this.position) : out + this.text.slice(chunk, this.position);
        this.position++;
        return value;
      }
      if (c === 92) {
        const next = this.text.charCodeAt(this.position + 1);
        const decoded = next === 92 ? '\\' : next === 34 ? '"' : next === 110 ? '\n' : null;
        if (decoded === null) this.fail('invalid escape in a label value (only \\\\, \\" and \\n)');
        out = (out ?? '') + this.text.slice(chunk, this.position) + decoded;
        this.position += 2;
        chunk = this.position;
        continue;
      }
      this.position++;
    }
  }

  /** The rest of the line. */
  rest(): string {
    return this.text.slice(this.position, this.end);
  }

  /** Up to the next blank or the end of the line. */
  token(): string {
    const start = this.position;
    while (!this.done && !isBlank(this.code())) this.position++;
    return this.text.slice(start, this.position);
  }
}

function parseLabels(scan: LineScanner): Record<string, string> {
  const labels: Record<string, string> = {};
  scan.position++; // {
  scan.skipBlanks();
  while (scan.code() !== 125) {
    const at = scan.position;
    const name = scan.labelName();
    if (name.startsWith('__')) scan.fail(`label name "${name}" is reserved (starts with __)`, at);
    if (Object.prototype.hasOwnProperty.call(labels, name)) scan.fail(`label "${name}" given twice`, at);
    scan.skipBlanks();
    if (scan.code() !== 61) scan.fail('expected = after the label name');
    scan.position++;
    scan.skipBlanks();
    labels[name] = scan.quoted();
    scan.skipBlanks();
    if (scan.code() === 44) {
      scan.position++;
      scan.skipBlanks();
    } else if (scan.code() !== 125) scan.fail(scan.done ? 'label set not closed before the end of the line' : 'expected , or } after a label value');
  }
  scan.position++; // }
  return labels;
}

/** A canonical key of a label set (sorted names and values), to refuse duplicate series. */
function labelsKey(labels: Record<string, string>): string {
  const keys = Object.keys(labels);
  keys.sort();
  let key = '';
  for (const label of keys) key += `\u0000${label}\u0001${labels[label]!}`;
  return key;
}

/** One distinct label set of a document: parsed once, shared by every sample that writes it the same way. */
interface LabelSet {
  labels: Readonly<Record<string, string>>;
  /** The sample names already seen with this label set (a repeat is a duplicate series). */
  names: Set<string>;
}

/**
 * The label set at `{`. An exporter writes one GPU's label set identically on every field, so the
 * raw text up to the first `}` is looked up first: a hit is exactly a label set already parsed
 * and validated (a prefix cut inside a quoted value is never a complete one), so it is reused as
 * is; a miss is parsed in full. This makes the strict parser about as fast as a lax one.
 */
function labelSetAt(scan: LineScanner, state: State): LabelSet {
  const open = scan.position;
  const close = scan.text.indexOf('}', open);
  if (close !== -1 && close < scan.end) {
    // Exporters repeat their label sets in one order for every field: try the one that followed
    // the last hit before hashing (a compare in place, no new string).
    const predicted = state.order[state.cursor];
    if (predicted !== undefined && close - open - 1 === predicted.raw.length && scan.text.startsWith(predicted.raw, open + 1)) {
      state.cursor = (state.cursor + 1) % state.order.length;
      scan.position = close + 1;
      return predicted.set;
    }
    const raw = scan.text.slice(open + 1, close);
    const hit = state.labelCache.get(raw);
    if (hit) {
      const at = state.order.findIndex((entry) => entry.set === hit && entry.raw === raw);
      if (at !== -1) state.cursor = (at + 1) % state.order.length;
      scan.position = close + 1;
      return hit;
    }
  }
  const labels = parseLabels(scan);
  const raw = scan.text.slice(open + 1, scan.position - 1);
  const key = labelsKey(labels);
  let set = state.labelsByKey.get(key);
  if (!set) state.labelsByKey.set(key, (set = { labels, names: new Set() }));
  if (state.labelCache.size < 1_000_000) {
    state.labelCache.set(raw, set);
    if (state.order.length < 4096) state.order.push({ raw, set });
    state.cursor = 0;
  }
  return set;
}

interface State {
  families: Map<string, MetricFamily>;
  /** Families whose samples have started; a TYPE or HELP after them is refused. */
  started: Set<string>;
  /** Families already closed by a sample of another family (the format wants one group per family). */
  closed: Set<string>;
  current: string | null;
  /** Families that had their # TYPE line (one each at most). */
  typed: Set<string>;
  /** Label sets by their raw text, and by their canonical key. */
  labelCache: Map<string, LabelSet>;
  labelsByKey: Map<string, LabelSet>;
  /** Label sets in the order first written, and where the next line's is expected (see labelSetAt). */
  order: { raw: string; set: LabelSet }[];
  cursor: number;
  lastName: string | null;
  /** Series written without braces (`{}` is the same set, found by key ''). */
  noLabels: LabelSet;
  samples: ExpositionSample[];
}

function familyOf(state: State, name: string): string {
  if (state.families.has(name)) return name;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    const family = state.families.get(base);
    if (family && (family.type === 'histogram' || family.type === 'summary') && SUFFIXES[family.type].includes(suffix)) return base;
  }
  return name;
}

function enterFamily(state: State, scan: LineScanner, family: string, at: number): void {
  if (state.current === family) return;
  if (state.closed.has(family)) scan.fail(`samples of "${family}" are not in one group (the format wants all lines of a metric together)`, at);
  if (state.current !== null) state.closed.add(state.current);
  state.current = family;
}

function parseComment(state: State, scan: LineScanner): void {
  scan.position++; // #
  scan.skipBlanks();
  const keyword = scan.token();
  if (keyword !== 'HELP' && keyword !== 'TYPE') return; // any other comment is free text
  scan.skipBlanks();
  const at = scan.position;
  const name = scan.metricName();
  if (!scan.done && !isBlank(scan.code())) scan.fail(`invalid character in the metric name of # ${keyword}`);
  scan.skipBlanks();
  if (state.started.has(name)) scan.fail(`# ${keyword} ${name} after its samples`, at);
  const family: MetricFamily = state.families.get(name) ?? { name, type: 'untyped', help: null };
  if (keyword === 'TYPE') {
    const typeAt = scan.position;
    const type = scan.token() as MetricType;
    if (!TYPES.has(type)) scan.fail(`unknown metric type "${type}"`, typeAt);
    scan.skipBlanks();
    if (!scan.done) scan.fail('unexpected text after the metric type');
    if (state.typed.has(name)) scan.fail(`second # TYPE for "${name}"`, at);
    state.typed.add(name);
    family.type = type;
  } else {
    if (family.help !== null) scan.fail(`second # HELP for "${name}"`, at);
    family.help = unescapeHelp(scan, scan.rest());
  }
  state.families.set(name, family);
  enterFamily(state, scan, name, at);
}

/** HELP text escapes only \\ and \n. */
function unescapeHelp(scan: LineScanner, text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === '\\') out += '\\';
    else if (next === 'n') out += '\n';
    else scan.fail('invalid escape in # HELP (only \\\\ and \\n)', scan.position + i);
    i++;
  }
  return out;
}

function parseSample(state: State, scan: LineScanner): void {
  const at = scan.position;
  // The same name on consecutive lines (one family's series): compared in place, not rescanned.
  const previous = state.lastName;
  let name: string;
  if (previous !== null && scan.text.startsWith(previous, at) && !isNameChar(scan.text.charCodeAt(at + previous.length))) {
    name = previous;
    scan.position = at + previous.length;
  } else name = scan.metricName();
  state.lastName = name;
  const set = !scan.done && scan.code() === 123 ? labelSetAt(scan, state) : state.noLabels;
  if (scan.done || !isBlank(scan.code())) scan.fail(scan.done ? 'a sample needs a value' : 'expected a blank before the value');
  scan.skipBlanks();
  const valueAt = scan.position;
  const valueText = scan.token();
  if (valueText === '') scan.fail('a sample needs a value');
  const value = parseSampleValue(valueText);
  if (value === null) scan.fail(`"${valueText}" is not a number`, valueAt);
  scan.skipBlanks();
  let timestampMs: number | null = null;
  if (!scan.done) {
    const stampAt = scan.position;
    const stamp = scan.token();
    if (!INTEGER.test(stamp) || !Number.isSafeInteger(Number(stamp))) scan.fail(`"${stamp}" is not a timestamp (integer milliseconds)`, stampAt);
    timestampMs = Number(stamp);
    scan.skipBlanks();
    if (!scan.done) scan.fail('unexpected text after the timestamp');
  }
  const family = familyOf(state, name);
  enterFamily(state, scan, family, at);
  state.started.add(family);
  if (set.names.has(name)) scan.fail(`series ${name}${JSON.stringify(set.labels)} given twice`, at);
  set.names.add(name);
  state.samples.push({ name, labels: set.labels, value, timestampMs });
}

/**
 * Parses a whole exposition document. Lines end with \n (a final line without one is accepted);
 * a \r or a NUL is refused, as is anything the format does not define.
 */
export function parseExposition(text: string): ExpositionResult {
  const noLabels: LabelSet = { labels: {}, names: new Set() };
  const state: State = { families: new Map(), started: new Set(), closed: new Set(), current: null, typed: new Set(), labelCache: new Map(), labelsByKey: new Map([['', noLabels]]), order: [], cursor: 0, lastName: null, noLabels, samples: [] };
  // Located once: searching from every line would make a long document quadratic.
  const firstCr = text.indexOf('\r');
  const firstNul = text.indexOf('\u0000');
  const scan = new LineScanner(text);
  let lineNumber = 0;
  let start = 0;
  try {
    while (start < text.length) {
      lineNumber++;
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      scan.lineStart = start;
      scan.position = start;
      scan.end = end;
      start = end + 1;
      if (firstCr !== -1 && firstCr < end) throw new Fault(firstCr - scan.lineStart + 1, 'carriage return: lines must end with \\n alone');
      if (firstNul !== -1 && firstNul < end) throw new Fault(firstNul - scan.lineStart + 1, 'NUL character');
      scan.skipBlanks();
      if (scan.done) continue;
      if (scan.code() === 35) parseComment(state, scan);
      else parseSample(state, scan);
    }
  } catch (error) {
    if (error instanceof Fault) return { ok: false, error: { line: lineNumber, column: error.column, message: error.message } };
    throw error;
  }
  return { ok: true, value: { samples: state.samples, families: state.families } };
}

export function formatExpositionError(error: ExpositionError): string {
  return `line ${error.line}, column ${error.column}: ${error.message}`;
}
