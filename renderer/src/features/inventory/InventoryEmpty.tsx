import { useTranslation } from 'react-i18next';
import type { GpuSourceStatus } from '../../../../electron/contract/schemas/assets';
import { sourceLink } from '../fleet/source-link';
import type { CellFormats } from './cell-formats';
import { GpuSourceBanner } from './GpuSourceBanner';

/**
 * No GPU in the register: the ways to get some (a fleet source among them), with the commands to type. The
 * current GPU source state (and nvidia-smi's own message) says which step is missing here.
 */
export function InventoryEmpty({ source, formats }: { source: GpuSourceStatus | null; formats: CellFormats }) {
  const { t } = useTranslation();
  return (
    <section className="card inv-empty" data-testid="inventory-empty" aria-labelledby="inventory-empty-title">
      <h2 id="inventory-empty-title" className="inv-empty-title">
        {t('inventory.empty.title')}
      </h2>
      {source ? <GpuSourceBanner source={source} formats={formats} /> : null}
      <p>{t('inventory.empty.intro')}</p>
      <ol className="inv-empty-steps">
        <li>
          {t('inventory.empty.driver')}
          <code className="command">SIETCH_NVIDIA_SMI=/usr/bin/nvidia-smi sietch serve</code>
        </li>
        <li>
          {t('inventory.empty.serve')}
          <code className="command">sietch serve</code>
          <code className="command">ssh -L 7410:127.0.0.1:7410 operator@gpu-server</code>
        </li>
        <li>
          {t('inventory.empty.simulate')}
          <code className="command">sietch serve --simulate</code>
        </li>
        <li>
          {t('inventory.empty.fleet')}{' '}
          <a href={sourceLink()} data-testid="inventory-empty-fleet">
            {t('inventory.empty.fleetLink')}
          </a>
        </li>
      </ol>
    </section>
  );
}
