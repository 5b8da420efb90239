import { useId, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../client/client-context';
import { Card } from '../../ui/Card';
import type { NodeFormats } from '../node/node-formats';
import { ProgressLine } from './ProgressLine';
import { isBusy, useReportsStore, verifyFile } from './store';
import { VerificationResult } from './VerificationResult';
import { GpuRootField, type ChosenRoot } from './GpuRootField';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * Verify a bundle (or a single-asset proof) that someone hands over: the operator's address from
 * the auditor's own records, then the file dropped here or chosen. The same checks and the same
 * result as `sietch audit verify`, run by the core with no network and no database. The network
 * is the one the file names (checked against the known profiles) and is shown with the result;
 * pinning another is the CLI's --network. Hardware evidence is checked against the GPU root the
 * auditor chooses (the CLI's --gpu-root), or against its own chain when none is chosen.
 */
export function VerifyCard({ formats }: { formats: NodeFormats }) {
  const { t } = useTranslation();
  const client = useClient();
  const ids = { signer: useId(), signerMessage: useId() };
  const [signer, setSigner] = useState('');
  const [pending, setPending] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [touched, setTouched] = useState(false);
  const [gpuRoot, setGpuRoot] = useState<ChosenRoot | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const verifying = useReportsStore((state) => state.verifying);
  const signerOk = ADDRESS.test(signer.trim());
  const rootOk = gpuRoot === null || gpuRoot.pem !== '';
  const running = isBusy(verifying.phase);

  const start = (file: File | null) => {
    setPending(file);
    setTouched(true);
    if (file && ADDRESS.test(signer.trim()) && rootOk) void verifyFile(client, file, file.name, signer.trim(), undefined, gpuRoot?.pem);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!running) start(event.dataTransfer.files[0] ?? null);
  };
  const openChooser = () => input.current?.click();
  const onZoneKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openChooser();
    }
  };

  return (
    <Card title={t('reports.verify.title')} testId="reports-verify">
      <p className="reports-help">{t('reports.verify.help')}</p>
      <div className="reports-form">
        <div className="reports-field reports-field-wide">
          <label htmlFor={ids.signer}>{t('reports.verify.signer')}</label>
          <input id={ids.signer} className="input mono" value={signer} spellCheck={false} autoComplete="off" placeholder="0x…" aria-invalid={touched && !signerOk} aria-describedby={ids.signerMessage} data-testid="reports-verify-signer" onChange={(event) => setSigner(event.target.value)} onBlur={() => setTouched(signer !== '')} />
        </div>
      </div>
      <p id={ids.signerMessage} className={touched && !signerOk ? 'field-error' : 'field-hint'} role={touched && !signerOk ? 'alert' : undefined}>
        {touched && !signerOk ? t('reports.verify.signerInvalid') : t('reports.verify.signerHint')}
      </p>
      <GpuRootField root={gpuRoot} onChange={setGpuRoot} disabled={running} />
      <div
        className={dragging ? 'reports-dropzone reports-dropzone-active' : 'reports-dropzone'}
        role="button"
        tabIndex={0}
        aria-disabled={running}
        aria-label={t('reports.verify.dropLabel')}
        data-testid="reports-dropzone"
        onClick={openChooser}
        onKeyDown={onZoneKey}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <strong>{t('reports.verify.drop')}</strong>
        <span className="muted">{pending ? t('reports.verify.chosen', { file: pending.name, size: formats.integer(pending.size) }) : t('reports.verify.dropHint')}</span>
      </div>
      <input ref={input} type="file" accept=".tar,.json,application/x-tar,application/json" hidden data-testid="reports-verify-file" onChange={(event) => start(event.target.files?.[0] ?? null)} />
      {pending && !running ? (
        <div className="reports-actions">
          <button type="button" className="button button-primary" disabled={!signerOk || !rootOk} data-testid="reports-verify-button" onClick={() => start(pending)}>
            {t('reports.verify.button')}
          </button>
        </div>
      ) : null}
      <ProgressLine phase={verifying.phase} done={verifying.done} total={verifying.total} testId="reports-verify-progress" integer={formats.integer} />
      {verifying.phase === 'failed' && verifying.error ? (
        <p className="reports-outcome reports-outcome-bad" role="alert" data-testid="reports-verify-error">
          {verifying.error.message}
        </p>
      ) : null}
      {verifying.phase === 'done' && verifying.result ? <VerificationResult result={verifying.result} filename={verifying.filename} formats={formats} /> : null}
    </Card>
  );
}
