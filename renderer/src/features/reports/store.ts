import { create } from 'zustand';
import type { AuditJob, AuditVerificationResult } from '../../../../electron/contract/audit-api';
import type { SietchClient } from '../../../../electron/contract/client';
import { describeError, type UiError } from '../../client/describe-error';
import { saveBlob } from '../../ui/save-file';
import { downloadAuditFile, uploadAuditFile } from './audit-files';
import { followJob } from './follow-job';

/**
 * The Reports page's three tasks — export a period, verify a file someone handed over, export
 * one asset's proof — each with its phase and progress, kept while the user visits other pages.
 */
export type Phase = 'idle' | 'upload' | 'running' | 'download' | 'done' | 'failed';

export interface Progress {
  phase: Phase;
  done: number;
  total: number;
  error: UiError | null;
}

export interface ReportsState {
  exporting: Progress & { summary: AuditJob['export']; filename: string | null; bytes: number };
  verifying: Progress & { filename: string | null; result: AuditVerificationResult | null };
  proving: { busy: boolean; error: UiError | null; filename: string | null };
}

const idle: Progress = { phase: 'idle', done: 0, total: 0, error: null };
export const initialReportsState: ReportsState = {
  exporting: { ...idle, summary: null, filename: null, bytes: 0 },
  verifying: { ...idle, filename: null, result: null },
  proving: { busy: false, error: null, filename: null },
};

export const useReportsStore = create<ReportsState>()(() => initialReportsState);

const setExporting = (patch: Partial<ReportsState['exporting']>) => useReportsStore.setState((state) => ({ exporting: { ...state.exporting, ...patch } }));
const setVerifying = (patch: Partial<ReportsState['verifying']>) => useReportsStore.setState((state) => ({ verifying: { ...state.verifying, ...patch } }));
const setProving = (patch: Partial<ReportsState['proving']>) => useReportsStore.setState((state) => ({ proving: { ...state.proving, ...patch } }));

const busy = (phase: Phase) => phase === 'upload' || phase === 'running' || phase === 'download';

/** Exports [from, to) as a bundle, then downloads it (the browser saves it). */
export async function exportPeriod(client: SietchClient, period: { from: string; to: string }): Promise<void> {
  if (busy(useReportsStore.getState().exporting.phase)) return;
  setExporting({ ...idle, phase: 'running', summary: null, filename: null, bytes: 0 });
  try {
    const started = await client.invoke('audit.export.start', period);
    const job = await followJob(client, started, ({ done, total }) => setExporting({ done, total }));
    if (job.state === 'failed' || !job.file) {
      setExporting({ phase: 'failed', error: { code: 'invalid-input', message: job.error ?? 'the export failed' } });
      return;
    }
    const file = job.file;
    setExporting({ phase: 'download', done: 0, total: file.bytes, summary: job.export, filename: file.filename, bytes: file.bytes });
    const blob = await downloadAuditFile(client, file.fileId, file.bytes, 'application/x-tar', (done, total) => setExporting({ done, total }));
    saveBlob(blob, file.filename);
    setExporting({ phase: 'done' });
  } catch (error) {
    setExporting({ phase: 'failed', error: describeError(error) });
  }
}

/** Uploads a dropped bundle or proof, verifies it against `signer` (and its GPU evidence against `gpuRootPem`), keeps the result. */
export async function verifyFile(client: SietchClient, file: Blob, filename: string, signer: string, network: string | undefined, gpuRootPem?: string): Promise<void> {
  if (busy(useReportsStore.getState().verifying.phase)) return;
  setVerifying({ ...idle, phase: 'upload', total: file.size, filename, result: null });
  try {
    const fileId = await uploadAuditFile(client, file, filename, (done, total) => setVerifying({ done, total }));
    setVerifying({ phase: 'running', done: 0, total: 0 });
    const started = await client.invoke('audit.verify.start', { fileId, signer, ...(network ? { network } : {}), ...(gpuRootPem ? { gpuRootPem } : {}) });
    const job = await followJob(client, started, ({ done, total }) => setVerifying({ done, total }));
    if (job.state === 'failed' || !job.verification) {
      setVerifying({ phase: 'failed', error: { code: 'invalid-input', message: job.error ?? 'the verification failed to run' } });
      return;
    }
    setVerifying({ phase: 'done', result: job.verification });
  } catch (error) {
    setVerifying({ phase: 'failed', error: describeError(error) });
  }
}

/** One asset's leaf, proof and signed report, saved as JSON. */
export async function exportProof(client: SietchClient, assetId: string, seq: number): Promise<void> {
  if (useReportsStore.getState().proving.busy) return;
  setProving({ busy: true, error: null, filename: null });
  try {
    const file = await client.invoke('audit.proof.export', { assetId, seq });
    saveBlob(await downloadAuditFile(client, file.fileId, file.bytes, 'application/json'), file.filename);
    setProving({ busy: false, filename: file.filename });
  } catch (error) {
    setProving({ busy: false, error: describeError(error) });
  }
}

export const dismissExportError = () => setExporting({ phase: 'idle', error: null });
export const dismissVerifyError = () => setVerifying({ phase: 'idle', error: null });
export const dismissProofError = () => setProving({ error: null });
export const isBusy = busy;
