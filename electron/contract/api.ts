import { z } from 'zod';
import { assetDetail, assetEdit, assetKind, assetSummary, costBookImportResult, gpuSourceStatus } from './schemas/assets';
import { assetId, noInput } from './schemas/common';
import { auditEvents, auditMethods } from './audit-api';
import { ledgerEvents, ledgerMethods } from './ledger-api';
import { chainEvents, chainMethods } from './chain-api';
import { gpuEvidenceEvents, gpuEvidenceMethods } from './gpu-evidence-api';
import { fleetEvents, fleetMethods } from './fleet-api';
import { robotsEvents, robotsMethods } from './robots-api';
import { customersEvents, customersMethods } from './customers-api';
import { method } from './method';
import { hostInventory } from './schemas/host';
import { journalEntry, journalVerification } from './schemas/journal';
import { keyStatus, nodeStatus, passphrase, reportDetail, reportSummary } from './schemas/node';
import { heartbeat, systemInfo } from './schemas/system';

/**
 * The whole API, declared once. Both transports (Electron IPC, HTTP + WebSocket) and the
 * renderer's client are generic over these tables: adding a capability means adding a line
 * here and a handler in core, never transport glue.
 */
export const methods = {
  'system.info': method({ input: noInput, output: systemInfo, summary: 'Version, mode, data directory, schema version and journal head.' }),
  'inventory.host.get': method({ input: noInput, output: hostInventory.nullable(), summary: 'The last host inventory stored for this machine, or null before the first sweep.' }),
  'inventory.host.refresh': method({ input: noInput, output: hostInventory, summary: 'Collect the host inventory now, store it and register the host asset.' }),
  'inventory.assets.list': method({
    input: z.object({ kind: assetKind.optional() }).strict(),
    output: z.object({ assets: z.array(assetSummary), gpuSource: gpuSourceStatus }),
    summary: 'Every asset in the register (hosts, GPUs, robots) with its latest health and readings.',
  }),
  'inventory.asset.get': method({ input: z.object({ id: assetId }).strict(), output: assetDetail, summary: 'One asset with its identity, MIG devices, journal events and recent readings.' }),
  'inventory.asset.update': method({ input: assetEdit, output: assetSummary, summary: 'Edit the cost book fields of an asset (acquisition cost and date, site, rack, notes); journaled.' }),
  'inventory.asset.retire': method({ input: z.object({ id: assetId, reason: z.string().min(1).max(500) }).strict(), output: assetSummary, summary: 'Retire an asset: it stays in the register and the journal but no longer counts as collateral.' }),
  'inventory.gpus.refresh': method({ input: noInput, output: gpuSourceStatus, summary: 'Read the local GPUs now (nvidia-smi) and update the register.' }),
  'inventory.costBook.import': method({
    input: z.object({ csv: z.string().max(20 * 1024 * 1024), dryRun: z.boolean().default(false) }).strict(),
    output: costBookImportResult,
    summary: 'Import the cost book (CSV: asset id, acquisition cost, date, site, rack, notes); all rows or none.',
  }),
  'inventory.costBook.export': method({ input: noInput, output: z.object({ csv: z.string(), filename: z.string() }), summary: 'The register and cost book as CSV.' }),
  'node.status': method({ input: noInput, output: nodeStatus, summary: 'The attestation node: running, signer, network, last and next epoch, report counts.' }),
  'node.start': method({ input: noInput, output: nodeStatus, summary: 'Start sampling and closing epochs.' }),
  'node.stop': method({ input: noInput, output: nodeStatus, summary: 'Stop sampling (the epochs missed are closed with what is known when it starts again).' }),
  'node.reports.list': method({
    input: z.object({ beforeSeq: z.number().int().positive().optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ reports: z.array(reportSummary) }),
    summary: 'Closed epochs and their reports, newest first.',
  }),
  'node.report.get': method({ input: z.object({ seq: z.number().int().positive() }).strict(), output: reportDetail, summary: 'One report with its leaves and, once signed, its EAS offchain attestation.' }),
  'node.key.status': method({ input: noInput, output: keyStatus, summary: 'Whether an operator key exists and is unlocked, and its address.' }),
  'node.key.create': method({ input: z.object({ passphrase }).strict(), output: keyStatus, summary: 'Create a random operator key, stored only as an encrypted keystore (scrypt); it stays unlocked.' }),
  'node.key.import': method({
    input: z.object({ privateKey: z.string().optional(), mnemonic: z.string().optional(), passphrase }).strict().refine((value) => (value.privateKey === undefined) !== (value.mnemonic === undefined), 'give either a private key or a mnemonic'),
    output: keyStatus,
    summary: 'Import an operator key (private key or mnemonic) into the encrypted keystore; it stays unlocked.',
  }),
  'node.key.unlock': method({
    input: z.object({ passphrase, remember: z.boolean().default(false) }).strict(),
    output: keyStatus,
    summary: 'Unlock the operator key (optionally remembering the passphrase in the OS keychain): waiting reports are signed in order.',
  }),
  'node.key.lock': method({ input: z.object({ forget: z.boolean().default(false) }).strict(), output: keyStatus, summary: 'Lock the key (and optionally forget a remembered passphrase): reports wait, unsigned, until it is unlocked again.' }),
  ...ledgerMethods,
  ...auditMethods,
  ...chainMethods,
  ...gpuEvidenceMethods,
  ...fleetMethods,
  ...robotsMethods,
  ...customersMethods,
  'journal.verify': method({ input: noInput, output: journalVerification, summary: 'Recompute the hash chain of the journal and report the first broken link.' }),
  'journal.list': method({
    input: z.object({ afterSeq: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ entries: z.array(journalEntry) }),
    summary: 'Journal entries after a sequence number, oldest first.',
  }),
} as const;

/** Push notifications: named onSomething, each subscription returns a disposer. */
export const events = {
  onHostInventoryChanged: hostInventory,
  onJournalAppended: z.object({ seq: z.number().int().positive(), kind: z.string(), entity: z.string(), hash: z.string() }),
  onHeartbeat: heartbeat,
  ...ledgerEvents,
  ...auditEvents,
  ...chainEvents,
  ...gpuEvidenceEvents,
  ...fleetEvents,
  ...robotsEvents,
  ...customersEvents,
  /** Assets were added or changed (a sweep, an edit, an import): refetch them. */
  onAssetsChanged: z.object({ ids: z.array(z.string()), at: z.iso.datetime({ offset: false }) }),
  /** The GPU source changed state (ok, timeout, not installed …): the banner follows it without polling. */
  onGpuSourceChanged: gpuSourceStatus,
  /** An epoch closed, or reports were signed: the Node page refetches. */
  onReportsChanged: z.object({ seqs: z.array(z.number().int().positive()), at: z.iso.datetime({ offset: false }) }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;

/** Domain-side types (bigint money, defaults applied) — what handlers receive and return. */
export type MethodInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
/** What callers pass: the domain input, where fields that have defaults may be left out. */
type WireInput<M extends MethodName> = z.input<Methods[M]['input']>;
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
export type MethodCallInput<M extends MethodName> = {
  [K in keyof MethodInput<M> as K extends RequiredKeys<WireInput<M>> ? K : never]: MethodInput<M>[K];
} & {
  [K in keyof MethodInput<M> as K extends RequiredKeys<WireInput<M>> ? never : K]?: MethodInput<M>[K];
};

export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** The service every transport serves: one async handler per method. */
export type ApiHandlers = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
