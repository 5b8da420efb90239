import { useTranslation } from 'react-i18next';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { useClient } from '../../client/client-context';
import type { CellFormats } from './cell-formats';
import { downloadText } from '../../ui/save-file';
import { ImportCostBook } from './ImportCostBook';
import { exportCostBook, refreshGpus, useInventoryStore } from './store';
import { setQuery, useInventoryViewStore } from './view-store';

interface InventoryToolbarProps {
  shown: number;
  total: number;
  formats: CellFormats;
  searchRef: RefObject<HTMLInputElement | null>;
  /** ArrowDown in the search box goes down into the rows. */
  onLeaveSearch(): void;
  /** Shown after the count: when the GPUs were last read. */
  status?: ReactNode;
}

export function InventoryToolbar({ shown, total, formats, searchRef, onLeaveSearch, status }: InventoryToolbarProps) {
  const { t } = useTranslation();
  const client = useClient();
  const query = useInventoryViewStore((state) => state.query);
  const refreshing = useInventoryStore((state) => state.refreshingGpus);
  const exporting = useInventoryStore((state) => state.exporting);

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      onLeaveSearch();
    } else if (event.key === 'Escape' && query !== '') {
      // First Escape clears the search; the next one reaches the page (closes the drawer).
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    }
  };

  return (
    <div className="inv-toolbar">
      <div className="inv-search">
        <input
          ref={searchRef}
          type="search"
          className="input inv-search-input"
          aria-label={t('inventory.search.label')}
          placeholder={t('inventory.search.placeholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onSearchKey}
          aria-keyshortcuts="/"
          spellCheck={false}
          autoComplete="off"
          data-testid="inventory-search"
        />
        <kbd className="inv-search-key" aria-hidden="true">
          /
        </kbd>
      </div>
      <span className="inv-count" data-testid="inventory-count" data-shown={shown} data-total={total}>
        {t('inventory.count', { shown: formats.integer(shown), total: formats.integer(total) })}
      </span>
      {status}
      <div className="inv-actions" role="group" aria-label={t('inventory.toolbar.actions')}>
        {/* aria-disabled, not disabled: a disabled button drops keyboard focus mid-action. The store ignores repeat presses. */}
        <button type="button" className="button" data-testid="inventory-refresh" aria-disabled={refreshing} aria-busy={refreshing} onClick={() => void refreshGpus(client)}>
          {refreshing ? <span className="spinner" aria-hidden="true" /> : null}
          {refreshing ? t('inventory.toolbar.refreshing') : t('inventory.toolbar.refresh')}
        </button>
        <button type="button" className="button" data-testid="inventory-export" aria-disabled={exporting} aria-busy={exporting} onClick={() => void exportCostBook(client, (csv, filename) => downloadText(csv, filename))}>
          {exporting ? <span className="spinner" aria-hidden="true" /> : null}
          {exporting ? t('inventory.toolbar.exporting') : t('inventory.toolbar.export')}
        </button>
        <ImportCostBook />
      </div>
    </div>
  );
}
