import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AssetDrawer } from '../features/inventory/AssetDrawer';
import { cellFormats } from '../features/inventory/cell-formats';
import { FilterChips } from '../features/inventory/FilterChips';
import { FleetSourcesStrip } from '../features/inventory/FleetSourcesStrip';
import { GroupControl } from '../features/inventory/GroupControl';
import { groupRows, sitesOfHosts } from '../features/inventory/group-rows';
import { GpuSourceBanner } from '../features/inventory/GpuSourceBanner';
import { GpuSourceLine, SimulatedBadge } from '../features/inventory/GpuSourceLine';
import { InventoryEmpty } from '../features/inventory/InventoryEmpty';
import { InventoryTable } from '../features/inventory/InventoryTable';
import { InventoryToolbar } from '../features/inventory/InventoryToolbar';
import { closeDrawer, dismissExportError, dismissInventoryError, dismissRefreshError, openDrawer, selectAsset, useInventoryStore } from '../features/inventory/store';
import { useInventoryKeys } from '../features/inventory/use-inventory-keys';
import { useInventoryRows } from '../features/inventory/use-inventory-rows';
import { setAllGroups, sortBy, toggleGroup, useCollapsedGroups, useInventoryViewStore } from '../features/inventory/view-store';
import { useFleetStore } from '../features/fleet/store';
import { ErrorAlerts, type ShownError } from '../ui/ErrorAlerts';
import { PageHeader } from '../ui/PageHeader';
import { useLanguage } from '../ui/use-language';

const DEFAULT_DRAWER_WIDTH = 460;

export function InventoryPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const formats = cellFormats(language);
  const { assets, gpuSource, loading, error, selectedId, drawerOpen, refreshError, exportError } = useInventoryStore();
  const view = useInventoryViewStore();
  const { sort, filters, query, group } = view;
  const { rows, counts, total, hosts } = useInventoryRows(assets);
  const collapsed = useCollapsedGroups((state) => state.collapsed);
  const fleetSources = useFleetStore((state) => state.sources);
  const fleetHosts = useFleetStore((state) => state.hosts);
  // Sites only matter when grouping by site: no work for the other modes.
  const siteOfHost = useMemo(() => (group === 'site' && assets ? sitesOfHosts(assets, [...fleetHosts].map(([id, host]) => [id, host.site])) : new Map<string, string>()), [group, assets, fleetHosts]);
  const items = useMemo(() => groupRows(rows, group, { hosts, siteOfHost }, collapsed), [rows, group, hosts, siteOfHost, collapsed]);
  const groupKeys = useMemo(() => items.flatMap((item) => (item.type === 'group' ? [item.group.key] : [])), [items]);
  const [drawerWidth, setDrawerWidth] = useState(DEFAULT_DRAWER_WIDTH);
  const gridRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const hasGpus = useMemo(() => assets?.some((asset) => asset.kind === 'gpu') ?? false, [assets]);
  const summary = useMemo(() => (selectedId === null ? undefined : assets?.find((asset) => asset.id === selectedId)), [assets, selectedId]);
  const narrowed = query.trim() !== '' || filters.kind.length + filters.status.length + filters.health.length > 0;

  const focusGrid = useCallback(() => gridRef.current?.focus({ preventScroll: true }), []);
  const open = useCallback((id: string) => openDrawer(id), []);
  const onToggleGroup = useCallback((key: string, expand?: boolean) => toggleGroup(group, key, expand), [group]);
  const close = useCallback(() => {
    closeDrawer();
    focusGrid();
  }, [focusGrid]);
  // ArrowDown in the search box: into the rows, on the first match unless the selection is among them.
  const leaveSearch = useCallback(() => {
    const current = useInventoryStore.getState().selectedId;
    if (rows[0] && !rows.some((row) => row.id === current)) selectAsset(rows[0].id);
    focusGrid();
  }, [rows, focusGrid]);

  useInventoryKeys({ searchRef, drawerOpen, onCloseDrawer: close });

  const errors: ShownError[] = [];
  if (error) errors.push({ id: 'list', context: t('errors.context.inventory'), error, onDismiss: dismissInventoryError });
  if (refreshError) errors.push({ id: 'refresh', context: t('errors.context.gpuRefresh'), error: refreshError, onDismiss: dismissRefreshError });
  if (exportError) errors.push({ id: 'export', context: t('errors.context.export'), error: exportError, onDismiss: dismissExportError });

  return (
    <div className="inventory-page">
      <PageHeader title={t('pages.inventory.title')} summary={t('pages.inventory.summary')} badge={gpuSource?.simulated ? <SimulatedBadge /> : null} />
      <ErrorAlerts errors={errors} />
      {assets !== undefined && !hasGpus ? <InventoryEmpty source={gpuSource} formats={formats} /> : null}
      {gpuSource && hasGpus ? <GpuSourceBanner source={gpuSource} formats={formats} /> : null}
      <FleetSourcesStrip sources={fleetSources} formats={formats} />
      <InventoryToolbar
        shown={rows.length}
        total={total}
        formats={formats}
        searchRef={searchRef}
        onLeaveSearch={leaveSearch}
        status={gpuSource?.state === 'ok' ? <GpuSourceLine source={gpuSource} formats={formats} /> : null}
      />
      <div className="inv-subbar">
        <FilterChips filters={filters} counts={counts} formats={formats} narrowed={narrowed} />
        <GroupControl mode={group} groupKeys={groupKeys} onAll={(expand) => setAllGroups(group, groupKeys, expand)} />
        <span className="inv-keys-hint" aria-hidden="true">
          {t('inventory.keysHint')}
        </span>
      </div>
      <div className="inventory-body">
        <div className="inventory-table-area">
          {assets === undefined ? (
            <p className="muted busy-line" data-testid="inventory-loading">
              {loading ? <span className="spinner" aria-hidden="true" /> : null} {loading ? t('inventory.loading') : t('common.unavailable')}
            </p>
          ) : (
            <>
              <InventoryTable items={items} hosts={hosts} formats={formats} sort={sort} view={view} selectedId={selectedId} onSort={sortBy} onSelect={selectAsset} onOpen={open} onToggleGroup={onToggleGroup} gridRef={gridRef} />
              {rows.length === 0 && total > 0 ? (
                <p className="inv-no-match" data-testid="inventory-no-match">
                  {t('inventory.noMatch')}
                </p>
              ) : null}
            </>
          )}
        </div>
        {drawerOpen && selectedId !== null ? <AssetDrawer id={selectedId} summary={summary} hosts={hosts} formats={formats} width={drawerWidth} onResize={setDrawerWidth} onClose={close} /> : null}
      </div>
    </div>
  );
}
