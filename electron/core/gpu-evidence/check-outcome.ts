import type { EvidenceCheckStatus } from './evidence-types';

/** One check's result before it is named and ordered into the verdict. */
export interface CheckOutcome {
  status: EvidenceCheckStatus;
  detail: string;
}

export const passed = (detail: string): CheckOutcome => ({ status: 'passed', detail });
export const failed = (detail: string): CheckOutcome => ({ status: 'failed', detail });

/** An ISO instant without milliseconds: "2020-10-17T00:00:00Z". */
export const isoSeconds = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
