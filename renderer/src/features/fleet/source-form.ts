import type { FleetSourceInput } from '../../../../electron/contract/schemas/fleet';

/**
 * The "Add a fleet source" form as typed — every field a string, as inputs hold them — and the
 * pure checks that turn it into the API's input. The server checks everything again (its field
 * issues land on the fields they name, errorsFromIssues); these run first so the operator sees
 * the problem beside the field, in their language. Secrets are never typed here: only the paths
 * of the files that hold them on the Sietch host.
 */
export type SourceKind = FleetSourceInput['kind'];
export type AuthMode = 'none' | 'basic' | 'bearer';

export interface SourceFormValues {
  kind: SourceKind;
  name: string;
  site: string;
  /** Prometheus */
  url: string;
  selector: string;
  /** dcgm-exporter targets: one per line (commas and spaces separate too; # starts a comment). */
  targets: string;
  targetsFile: string;
  /** Comma- or space-separated label names; empty: the default (Hostname, hostname). */
  hostLabels: string;
  auth: AuthMode;
  username: string;
  passwordFile: string;
  bearerTokenFile: string;
  caFile: string;
}

export type SourceField = keyof SourceFormValues;

export type SourceFieldError =
  | { kind: 'required' }
  | { kind: 'url' }
  | { kind: 'selector' }
  | { kind: 'targetsRequired' }
  | { kind: 'target'; target: string }
  | { kind: 'labelName'; label: string }
  | { kind: 'tooLong'; max: number }
  | { kind: 'tooMany'; max: number }
  /** The server's own words, for a rule only it knows. */
  | { kind: 'server'; message: string };

export type SourceFieldErrors = Partial<Record<SourceField, SourceFieldError>>;

export const EMPTY_SOURCE_FORM: SourceFormValues = {
  kind: 'prometheus',
  name: '',
  site: '',
  url: '',
  selector: '',
  targets: '',
  targetsFile: '',
  hostLabels: '',
  auth: 'none',
  username: '',
  passwordFile: '',
  bearerTokenFile: '',
  caFile: '',
};

/** The contract's limits (electron/contract/schemas/fleet.ts), checked here first for a clear message. */
const LIMITS = { name: 100, site: 200, path: 4096, target: 2000, username: 200, hostLabels: 10, targets: 100_000 } as const;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** "gpu-07:9400, gpu-08:9400\n# rack 2\nhttp://gpu-09:9400/metrics" → the three targets, in order, once each. */
export function parseTargetList(text: string): string[] {
  const targets = text
    .split('\n')
    .map((line) => line.replace(/#.*/, ''))
    .flatMap((line) => line.split(/[\s,]+/))
    .filter((target) => target !== '');
  return [...new Set(targets)];
}

/** Whether the core can scrape it: host:port (→ http://host:port/metrics) or an http(s) URL. */
export function isScrapeTarget(target: string): boolean {
  try {
    const url = new URL(SCHEME.test(target) ? target : `http://${target}`);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function parseLabelList(text: string): string[] {
  return text.split(/[\s,]+/).filter((label) => label !== '');
}

/**
 * The API input, or the errors of the fields that stop it. Fields of the other kind and of
 * the other authentication modes are ignored (they stay typed if the operator switches back).
 */
export function buildSourceInput(values: SourceFormValues): { input: FleetSourceInput | null; errors: SourceFieldErrors } {
  const errors: SourceFieldErrors = {};
  const name = values.name.trim();
  const site = values.site.trim();
  if (name === '') errors.name = { kind: 'required' };
  else if (name.length > LIMITS.name) errors.name = { kind: 'tooLong', max: LIMITS.name };
  if (site.length > LIMITS.site) errors.site = { kind: 'tooLong', max: LIMITS.site };

  const labels = parseLabelList(values.hostLabels);
  const badLabel = labels.find((label) => !LABEL_NAME.test(label));
  if (badLabel !== undefined) errors.hostLabels = { kind: 'labelName', label: badLabel };
  else if (labels.length > LIMITS.hostLabels) errors.hostLabels = { kind: 'tooMany', max: LIMITS.hostLabels };

  const path = (field: 'passwordFile' | 'bearerTokenFile' | 'caFile' | 'targetsFile'): string | undefined => {
    const value = values[field].trim();
    if (value.length > LIMITS.path) errors[field] = { kind: 'tooLong', max: LIMITS.path };
    return value === '' ? undefined : value;
  };

  const common: Record<string, unknown> = { name };
  if (site !== '') common.site = site;
  if (labels.length > 0) common.hostLabels = labels;
  if (values.auth === 'basic') {
    const username = values.username.trim();
    const passwordFile = path('passwordFile');
    if (username === '') errors.username = { kind: 'required' };
    else if (username.length > LIMITS.username) errors.username = { kind: 'tooLong', max: LIMITS.username };
    if (passwordFile === undefined) errors.passwordFile = { kind: 'required' };
    common.basicAuth = { username, passwordFile };
  } else if (values.auth === 'bearer') {
    const bearerTokenFile = path('bearerTokenFile');
    if (bearerTokenFile === undefined) errors.bearerTokenFile = { kind: 'required' };
    common.bearerTokenFile = bearerTokenFile;
  }
  const caFile = path('caFile');
  if (caFile !== undefined) common.caFile = caFile;

  let input: Record<string, unknown>;
  if (values.kind === 'prometheus') {
    const url = values.url.trim();
    const selector = values.selector.trim();
    if (url === '') errors.url = { kind: 'required' };
    else if (!isHttpUrl(url)) errors.url = { kind: 'url' };
    if (selector !== '' && !/^\{.*\}$/s.test(selector)) errors.selector = { kind: 'selector' };
    input = { kind: 'prometheus', ...common, url, ...(selector === '' ? {} : { selector }) };
  } else {
    const targets = parseTargetList(values.targets);
    const targetsFile = path('targetsFile');
    const tooLong = targets.find((target) => target.length > LIMITS.target);
    const bad = targets.find((target) => !isScrapeTarget(target));
    if (tooLong !== undefined) errors.targets = { kind: 'tooLong', max: LIMITS.target };
    else if (targets.length > LIMITS.targets) errors.targets = { kind: 'tooMany', max: LIMITS.targets };
    else if (bad !== undefined) errors.targets = { kind: 'target', target: bad };
    else if (targets.length === 0 && targetsFile === undefined) errors.targets = { kind: 'targetsRequired' };
    input = { kind: 'targets', ...common, ...(targets.length > 0 ? { targets } : {}), ...(targetsFile === undefined ? {} : { targetsFile }) };
  }
  return Object.keys(errors).length > 0 ? { input: null, errors } : { input: input as FleetSourceInput, errors };
}

/** API paths (the add's input, or the test's `source.…`) → the form field that holds them. */
const FIELD_OF_PATH: Record<string, SourceField> = {
  name: 'name',
  site: 'site',
  url: 'url',
  selector: 'selector',
  targets: 'targets',
  targetsFile: 'targetsFile',
  hostLabels: 'hostLabels',
  'basicAuth.username': 'username',
  'basicAuth.passwordFile': 'passwordFile',
  basicAuth: 'username',
  bearerTokenFile: 'bearerTokenFile',
  caFile: 'caFile',
};

/** The server's field issues on the fields they name; the rest (no field of this form) as lines. */
export function errorsFromIssues(issues: readonly { path: string; message: string }[]): { fields: SourceFieldErrors; other: string[] } {
  const fields: SourceFieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const path = issue.path.replace(/^source\./, '');
    const segments = path.split('.');
    // targets.3 and hostLabels.0 name an item of the list field.
    const field = FIELD_OF_PATH[path] ?? FIELD_OF_PATH[segments.filter((segment) => !/^\d+$/.test(segment)).join('.')] ?? null;
    if (field) fields[field] ??= { kind: 'server', message: issue.message };
    else other.push(issue.path && issue.path !== '(input)' ? `${issue.path}: ${issue.message}` : issue.message);
  }
  return { fields, other };
}
