import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface ChosenRoot {
  name: string;
  pem: string;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/;

/**
 * The trust anchor for hardware evidence in a bundle, chosen by the auditor from their own
 * source (NVIDIA's Device Identity CA), as the CLI's --gpu-root. Optional: without it evidence
 * is checked against its own chain and the result says so. Read here, checked by the core.
 */
export function GpuRootField({ root, onChange, disabled }: { root: ChosenRoot | null; onChange: (root: ChosenRoot | null) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const choose = async (file: File | undefined) => {
    if (!file) return;
    const pem = await file.text();
    onChange(PEM_CERTIFICATE.test(pem) ? { name: file.name, pem } : { name: file.name, pem: '' });
  };
  const invalid = root !== null && root.pem === '';
  return (
    <div className="reports-gpu-root" data-testid="reports-gpu-root">
      <div className="reports-actions">
        <button type="button" className="button" disabled={disabled} aria-describedby={hintId} onClick={() => input.current?.click()} data-testid="reports-gpu-root-choose">
          {root ? t('reports.verify.gpuRootChange') : t('reports.verify.gpuRootChoose')}
        </button>
        {root ? (
          <button type="button" className="button button-quiet" disabled={disabled} onClick={() => onChange(null)} data-testid="reports-gpu-root-clear">
            {t('reports.verify.gpuRootClear')}
          </button>
        ) : null}
      </div>
      <p id={hintId} className={invalid ? 'field-error' : 'field-hint'} role={invalid ? 'alert' : undefined} data-testid="reports-gpu-root-hint">
        {invalid ? t('reports.verify.gpuRootInvalid', { file: root.name }) : root ? t('reports.verify.gpuRootChosen', { file: root.name }) : t('reports.verify.gpuRootHint')}
      </p>
      <input ref={input} type="file" accept=".pem,.crt,.cer,application/x-pem-file" hidden data-testid="reports-gpu-root-file" onChange={(event) => void choose(event.target.files?.[0])} />
    </div>
  );
}
