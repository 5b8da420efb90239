/**
 * What a failed audit check names: the exact report, leaf, journal row and field, so an auditor
 * can find the byte in the bundle. Paths are JSON paths inside the named file
 * (`leaves[3].uptimeBps`, `attestation.sig.signature.s`, `rows[12].payload.amount`).
 */
export interface AuditFailure {
  /** The report's sequence number, when the failure is about one report. */
  report: number | null;
  /** The asset id of the leaf, when the failure is about one leaf. */
  leaf: string | null;
  /** The journal row's sequence number, when the failure is about one journal row. */
  journalRow: number | null;
  /** The file inside the bundle (`reports/00000012.json`), or null for a proof file. */
  file: string | null;
  /** The JSON path inside that file, when one field is to blame. */
  field: string | null;
  message: string;
}

export class AuditError extends Error {
  override readonly name = 'AuditError';
  constructor(readonly failure: AuditFailure) {
    super(describeFailure(failure));
  }
}

export function auditFailure(parts: Partial<AuditFailure> & { message: string }): AuditFailure {
  return { report: null, leaf: null, journalRow: null, file: null, field: null, ...parts };
}

export function fail(parts: Partial<AuditFailure> & { message: string }): never {
  throw new AuditError(auditFailure(parts));
}

/** One line for a terminal: where first, then what. */
export function describeFailure(failure: AuditFailure): string {
  const where = [
    failure.report !== null ? `report ${failure.report}` : null,
    failure.leaf !== null ? `leaf ${failure.leaf}` : null,
    failure.journalRow !== null ? `journal row ${failure.journalRow}` : null,
    failure.field !== null ? `field ${failure.field}` : null,
  ].filter((part) => part !== null);
  const file = failure.file ? ` [${failure.file}]` : '';
  return `${where.length > 0 ? `${where.join(', ')}: ` : ''}${failure.message}${file}`;
}
