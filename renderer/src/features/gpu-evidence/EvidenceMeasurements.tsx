import { useTranslation } from 'react-i18next';
import type { GpuEvidenceRecord } from '../../../../electron/contract/gpu-evidence-api';
import type { CellFormats } from '../inventory/cell-formats';
import { measurementRows } from './evidence-formats';

/**
 * The measurement blocks the GPU signed, folded: 64 values of 48 bytes are for the one reader who
 * compares them with NVIDIA's reference manifest, not for every glance at the drawer.
 */
export function EvidenceMeasurements({ record, formats }: { record: GpuEvidenceRecord; formats: CellFormats }) {
  const { t } = useTranslation();
  const rows = measurementRows(record);
  const count = formats.integer(rows.length);
  if (rows.length === 0) return <p className="muted" data-testid="evidence-measurements" data-count={0}>{t('gpuEvidence.noMeasurements')}</p>;
  return (
    <details className="evidence-measurements" data-testid="evidence-measurements" data-count={rows.length}>
      <summary>{t('gpuEvidence.measurements', { count })}</summary>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th className="numeric">{t('gpuEvidence.measurementIndex')}</th>
              <th>{t('gpuEvidence.measurementValue')}</th>
              <th className="numeric">{t('gpuEvidence.measurementBytes')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.index} data-testid="evidence-measurement">
                <td className="numeric">{formats.integer(row.index)}</td>
                <td className="mono evidence-measurement-value">{row.hex}</td>
                <td className="numeric">{formats.integer(row.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
