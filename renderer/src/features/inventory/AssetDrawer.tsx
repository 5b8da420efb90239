import { useEffect, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetSummary } from '../../../../electron/contract/schemas/assets';
import { useClient } from '../../client/client-context';
import { HardwareIdentity } from '../gpu-evidence/HardwareIdentity';
import { HealthChip, StatusChip } from './AssetChips';
import { AssetActivity } from './AssetActivity';
import { AssetEditForm } from './AssetEditForm';
import { AssetHealthReasons } from './AssetHealthReasons';
import { AssetHistory } from './AssetHistory';
import { AssetIdentity } from './AssetIdentity';
import { AssetMigDevices } from './AssetMigDevices';
import type { CellFormats } from './cell-formats';
import { clearDetail, loadDetail, useDetailStore } from './detail-store';
import { DrawerResizeHandle } from './DrawerResizeHandle';
import type { HostLabels } from './host-labels';
import { RetireAsset } from './RetireAsset';

/** Arrow keys move the selection with the drawer open; wait for the key to rest before asking. */
const LOAD_DELAY_MS = 90;

interface AssetDrawerProps {
  id: string;
  /** The row from the list, shown at once while the detail loads. */
  summary: AssetSummary | undefined;
  hosts: HostLabels;
  formats: CellFormats;
  width: number;
  onResize(width: number): void;
  onClose(): void;
}

/** The right-hand panel with everything about one asset. */
export function AssetDrawer({ id, summary, hosts, formats, width, onResize, onClose }: AssetDrawerProps) {
  const { t } = useTranslation();
  const client = useClient();
  const titleId = useId();
  const { detail: loaded, error } = useDetailStore();
  const detail = loaded?.asset.id === id ? loaded : null;
  // The list's row is newer than the detail when an edit's answer or an event just replaced it.
  const asset = summary ?? detail?.asset;

  useEffect(() => {
    const timer = setTimeout(() => void loadDetail(client, id), LOAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, id]);
  useEffect(() => () => clearDetail(), []);

  return (
    <aside className="drawer" aria-labelledby={titleId} data-testid="inventory-drawer" data-asset-id={id} style={{ width }}>
      <DrawerResizeHandle width={width} onResize={onResize} />
      <header className="drawer-header">
        <div className="drawer-heading">
          <h2 id={titleId} className="drawer-title" title={asset?.label}>
            {asset ? asset.label || asset.model || asset.id : id}
          </h2>
          <span className="drawer-subtitle mono" title={id}>
            {id}
          </span>
          {asset ? (
            <span className="drawer-chips">
              <StatusChip status={asset.status} />
              <HealthChip health={asset.health} />
            </span>
          ) : null}
        </div>
        <button type="button" className="button button-icon drawer-close" onClick={onClose} aria-label={t('inventory.drawer.close')} title={t('inventory.drawer.close')} aria-keyshortcuts="Escape" data-testid="inventory-drawer-close">
          ×
        </button>
      </header>
      <div className="drawer-body">
        {error && !detail ? (
          <p className="field-error" role="alert">
            {t('errors.heading', { area: t('errors.context.detail'), problem: t(`errors.code.${error.code}`) })} — {error.message}
          </p>
        ) : null}
        {!detail ? (
          !error ? (
            <p className="muted busy-line" data-testid="inventory-drawer-loading">
              <span className="spinner" aria-hidden="true" /> {t('inventory.drawer.loading')}
            </p>
          ) : null
        ) : (
          <>
            <DrawerSection title={t('inventory.drawer.identity')}>
              <AssetIdentity detail={{ ...detail, asset: asset ?? detail.asset }} hosts={hosts} formats={formats} />
            </DrawerSection>
            <DrawerSection title={t('inventory.drawer.health')}>
              <AssetHealthReasons health={(asset ?? detail.asset).health} />
            </DrawerSection>
            {detail.asset.kind === 'gpu' ? (
              <>
                <DrawerSection title={t('gpuEvidence.section')} testId="inventory-hardware-identity">
                  <HardwareIdentity assetId={detail.asset.id} formats={formats} />
                </DrawerSection>
                <DrawerSection title={t('inventory.drawer.activity')}>
                  <AssetActivity detail={detail} formats={formats} />
                </DrawerSection>
                <DrawerSection title={t('inventory.drawer.mig', { count: formats.integer(detail.migDevices.length) })}>
                  <AssetMigDevices devices={detail.migDevices} formats={formats} />
                </DrawerSection>
              </>
            ) : null}
            <DrawerSection title={t('inventory.drawer.costBook')}>
              <AssetEditForm key={detail.asset.id} detail={detail} formats={formats} />
            </DrawerSection>
            <DrawerSection title={t('inventory.drawer.history')}>
              <AssetHistory events={detail.events} formats={formats} />
            </DrawerSection>
            <div className="drawer-danger">
              <RetireAsset asset={asset ?? detail.asset} />
            </div>
          </>
        )}
      </div>
    </aside>
  );
}

function DrawerSection({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="drawer-section" aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId} className="drawer-section-title">
        {title}
      </h3>
      {children}
    </section>
  );
}
