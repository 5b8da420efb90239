import { useTranslation } from 'react-i18next';
import type { GpuSourceStatus } from '../../../../electron/contract/schemas/assets';
import type { CellFormats } from './cell-formats';

/** "GPUs read 14:03:22 · driver 550.54.15" — when the register last heard from nvidia-smi. */
export function GpuSourceLine({ source, formats }: { source: GpuSourceStatus; formats: CellFormats }) {
  const { t } = useTranslation();
  const parts: string[] = [];
  if (source.lastReadAt) parts.push(t('inventory.source.lastRead', { time: formats.dateTime(source.lastReadAt) }));
  if (source.driverVersion) parts.push(t('inventory.source.driver', { version: source.driverVersion }));
  return (
    <span className="inv-source-line" data-testid="gpu-source-line" data-state={source.state} title={parts.join('\n')}>
      {parts.join(' · ')}
    </span>
  );
}

/** The badge that keeps a demo from being mistaken for collateral. */
export function SimulatedBadge() {
  const { t } = useTranslation();
  return (
    <span className="tag tag-simulated" data-testid="gpu-source-simulated" title={t('inventory.source.simulatedHelp')}>
      {t('inventory.source.simulated')}
    </span>
  );
}
