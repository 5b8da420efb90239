/**
 * The health flags a report's leaf can carry, in their bit order (electron/core/attestation/
 * report/health-flags.ts). Each has node.flag.<name>.label and .help in both languages, worded
 * for an epoch ("seen during the epoch"), which is what a leaf attests.
 */
export const NODE_HEALTH_FLAGS = [
  'ecc-uncorrectable',
  'ecc-uncorrectable-aggregate',
  'ecc-sram-threshold-exceeded',
  'unrepairable-memory',
  'repair-pending',
  'remap-pending',
  'remap-failure',
  'retirement-pending',
  'recovery-action',
  'thermal-slowdown',
  'power-brake',
  'nvidia-smi-timeout',
  'nvidia-smi-unavailable',
  'missing',
  'identity-mismatch',
  'duplicate-uuid',
  'duplicate-serial',
  'robot-error',
  'health-unknown',
  'source-unavailable',
] as const;

export type NodeHealthFlag = (typeof NODE_HEALTH_FLAGS)[number];

const KNOWN: ReadonlySet<string> = new Set(NODE_HEALTH_FLAGS);

/** A newer node may send a flag this console does not know yet: it is then shown by its name. */
export function isKnownFlag(name: string): name is NodeHealthFlag {
  return KNOWN.has(name);
}

/**
 * Danger: the asset did not count, or cannot be trusted, for (part of) the epoch. Warning: it
 * worked, but something needs a look. Unknown flags are warnings: they matter, we cannot say how much.
 */
const DANGER: ReadonlySet<string> = new Set<NodeHealthFlag>(['ecc-uncorrectable', 'unrepairable-memory', 'remap-failure', 'recovery-action', 'nvidia-smi-timeout', 'missing', 'identity-mismatch', 'health-unknown', 'robot-error']);

export type FlagSeverity = 'danger' | 'warn';

export function flagSeverity(name: string): FlagSeverity {
  return DANGER.has(name) ? 'danger' : 'warn';
}

/** Bit order for the known flags, then unknown ones by name: the same order in every row. */
export function compareFlags(a: string, b: string): number {
  const rank = (name: string): number => (isKnownFlag(name) ? NODE_HEALTH_FLAGS.indexOf(name) : NODE_HEALTH_FLAGS.length);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export interface FlagText {
  name: string;
  label: string;
  /** One line on what it means for the epoch; null for a flag this console does not know. */
  help: string | null;
  severity: FlagSeverity;
}

export type FlagKey = `node.flag.${NodeHealthFlag}.${'label' | 'help'}`;

export function describeFlag(name: string, translate: (key: FlagKey) => string): FlagText {
  if (!isKnownFlag(name)) return { name, label: name, help: null, severity: flagSeverity(name) };
  return { name, label: translate(`node.flag.${name}.label`), help: translate(`node.flag.${name}.help`), severity: flagSeverity(name) };
}
