import { z } from 'zod';
import { method } from './method';
import { microUnits } from './money';
import { assetId, isoUtc } from './schemas/common';

// The audit part of the API (docs/audit-bundle.md): export a period as a bundle, verify a bundle
// or a single-asset proof someone hands over, export one asset's proof. Files cross the API as
// base64 chunks (below the server's body limit; the renderer has no file system): an export is a
// job whose file is then read in chunks, a file to verify is uploaded in chunks, then checked by
// a job. Jobs report progress with onAuditJobProgress (and audit.job.get, for polling).

/** Chunks stay well below the HTTP transport's 1 MiB body limit once base64-encoded. */
export const AUDIT_CHUNK_BYTES = 512 * 1024;
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64').max(Math.ceil(AUDIT_CHUNK_BYTES / 3) * 4);
const id = z.string().regex(/^[a-z0-9-]{8,64}$/, 'an id given by the server');
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'an address: 0x followed by 40 hex digits');
const hash = z.string().regex(/^0x[0-9a-f]{64}$/);

export const auditFailure = z.object({
  report: z.number().int().nullable(),
  leaf: z.string().nullable(),
  journalRow: z.number().int().nullable(),
  file: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});

const network = z.object({ id: z.string(), name: z.string(), chainId: z.number().int(), easAddress: z.string(), easVersion: z.string() });

export const bundleSummary = z.object({
  signer: address,
  network,
  signatureBackend: z.string(),
  requestedPeriod: z.object({ from: z.string(), to: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  reports: z.object({ count: z.number().int(), firstSeq: z.number().int(), lastSeq: z.number().int(), published: z.number().int() }),
  assets: z.object({ count: z.number().int(), byKind: z.record(z.string(), z.number().int()) }),
  leaves: z.number().int(),
  totals: z.object({ revenue: microUnits, repaid: microUnits, energyWh: z.string().regex(/^[0-9]+$/) }),
  last: z.object({ outstanding: microUnits, coverageBps: z.number().int() }),
  uptime: z.object({ meanBps: z.number().int(), lowest: z.object({ uptimeBps: z.number().int(), assetId: z.string(), seq: z.number().int() }).nullable() }),
  health: z.object({ flaggedLeaves: z.number().int(), identityFailures: z.number().int() }),
  journal: z.object({ rows: z.number().int(), anchor: z.object({ seq: z.number().int(), hash }), head: z.object({ seq: z.number().int(), hash }) }),
  /** Hardware-rooted GPU evidence: leaves that claim it, items verified, and the trusted root's subject (null: checked against each chain's own root). */
  hardware: z.object({ attestedLeaves: z.number().int(), evidenceItems: z.number().int(), root: z.string().nullable() }),
  perAsset: z.array(
    z.object({
      assetId: z.string(),
      kind: z.string(),
      reports: z.number().int(),
      meanUptimeBps: z.number().int(),
      minUptimeBps: z.number().int(),
      energyWh: z.string().regex(/^[0-9]+$/),
      revenue: microUnits,
      flaggedReports: z.number().int(),
      identityFailures: z.number().int(),
    }),
  ),
});

export const proofSummary = z.object({
  signer: address,
  network,
  signatureBackend: z.string(),
  assetId: z.string(),
  kind: z.string(),
  seq: z.number().int(),
  epoch: z.object({ from: z.string(), to: z.string() }),
  merkleRoot: hash,
  leafHash: hash,
  proofLength: z.number().int(),
  uid: hash,
  leaf: z.object({ uptimeBps: z.number().int(), observedBps: z.number().int(), meanUtilBps: z.number().int(), p95UtilBps: z.number().int(), energyWh: z.string(), healthFlags: z.number().int(), identityOk: z.boolean(), revenue: microUnits }),
  published: z.boolean(),
  /** The leaf claims hardware-rooted identity; its evidence was checked against a trusted root, its own chain's root, or is not in the proof. */
  hardware: z.object({ attested: z.boolean(), evidence: z.enum(['trusted-root', 'own-root', 'not-included']).nullable(), root: z.string().nullable() }),
});

/** What `sietch audit verify --json` / `verify-proof --json` print, less the file name. */
export const auditVerification = z.object({
  kind: z.enum(['bundle', 'proof']),
  ok: z.boolean(),
  failure: auditFailure.nullable(),
  reportsChecked: z.number().int().nullable(),
  bundle: bundleSummary.nullable(),
  proof: proofSummary.nullable(),
});

export const auditFile = z.object({ fileId: id, filename: z.string(), bytes: z.number().int().nonnegative() });

export const auditJob = z.object({
  jobId: id,
  kind: z.enum(['export', 'verify']),
  state: z.enum(['running', 'done', 'failed']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Why the job failed (an export with nothing to export); a bundle that does not verify is a done job whose result says so. */
  error: z.string().nullable(),
  /** export: the bundle, to read with audit.file.read. */
  file: auditFile.nullable(),
  export: z.object({ reports: z.number().int(), firstSeq: z.number().int(), lastSeq: z.number().int(), unsigned: z.number().int(), journalRows: z.number().int(), operator: address }).nullable(),
  /** verify: the same facts as the CLI. */
  verification: auditVerification.nullable(),
});

export const auditMethods = {
  'audit.export.start': method({
    input: z.object({ from: isoUtc, to: isoUtc }).strict(),
    output: auditJob,
    summary: 'Start exporting the audit bundle of a period (reports whose epoch lies in [from, to)); follow it with onAuditJobProgress or audit.job.get.',
  }),
  'audit.verify.start': method({
    input: z
      .object({
        fileId: id,
        signer: address,
        network: z.string().optional(),
        /** The trust anchor for GPU evidence in the file (NVIDIA's Device Identity CA, PEM), from the caller's own source. */
        gpuRootPem: z.string().min(1).max(64 * 1024).optional(),
      })
      .strict(),
    output: auditJob,
    summary: "Start verifying an uploaded bundle or single-asset proof against the operator address from the caller's records; offline, no database.",
  }),
  'audit.job.get': method({ input: z.object({ jobId: id }).strict(), output: auditJob, summary: 'An audit job: its progress, then its file or its verification.' }),
  'audit.file.read': method({
    input: z.object({ fileId: id, offset: z.number().int().nonnegative(), length: z.number().int().min(1).max(AUDIT_CHUNK_BYTES) }).strict(),
    output: z.object({ base64, offset: z.number().int(), bytes: z.number().int() }),
    summary: 'A chunk of an exported file (a bundle or a proof), base64.',
  }),
  'audit.file.upload': method({
    input: z.object({ fileId: id.optional(), filename: z.string().max(255).optional(), offset: z.number().int().nonnegative(), base64 }).strict(),
    output: auditFile,
    summary: 'Append a chunk to a file to verify (the first chunk, without fileId, creates it); files live in memory for an hour.',
  }),
  'audit.proof.export': method({
    input: z.object({ assetId, seq: z.number().int().positive() }).strict(),
    output: auditFile,
    summary: "Export one asset's leaf, its Merkle proof and the signed report (JSON), to read with audit.file.read.",
  }),
} as const;

export const auditEvents = {
  /** An audit job moved on (every few hundred reports) or ended: the Reports page follows it. */
  onAuditJobProgress: z.object({ jobId: id, state: z.enum(['running', 'done', 'failed']), done: z.number().int(), total: z.number().int() }),
} as const;

export type AuditMethods = typeof auditMethods;
export type AuditEventName = keyof typeof auditEvents;
export type AuditEventPayload<E extends AuditEventName> = z.output<(typeof auditEvents)[E]>;
export type AuditMethodName = keyof AuditMethods;
export type AuditJob = z.output<typeof auditJob>;
export type AuditVerificationResult = z.output<typeof auditVerification>;
export type AuditMethodInput<M extends AuditMethodName> = z.output<AuditMethods[M]['input']>;
export type AuditMethodOutput<M extends AuditMethodName> = z.output<AuditMethods[M]['output']>;

/** What core implements: one async handler per audit method. */
export type AuditHandlers = { [M in AuditMethodName]: (input: AuditMethodInput<M>) => Promise<AuditMethodOutput<M>> };
