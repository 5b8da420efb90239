import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_MODES, isGroupMode, type GroupMode } from './group-rows';
import { setGroupMode } from './view-store';

/** "Group: none / host / site", and when grouped, fold or unfold every group at once. */
export function GroupControl({ mode, groupKeys, onAll }: { mode: GroupMode; groupKeys: readonly string[]; onAll(open: boolean): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="inv-group-control" role="group" aria-label={t('inventory.group.label')}>
      <label htmlFor={id} className="inv-facet-label">
        {t('inventory.group.label')}
      </label>
      <select id={id} className="select select-compact" value={mode} onChange={(event) => isGroupMode(event.target.value) && setGroupMode(event.target.value)} data-testid="inventory-group-mode">
        {GROUP_MODES.map((value) => (
          <option key={value} value={value}>
            {t(`inventory.group.mode.${value}`)}
          </option>
        ))}
      </select>
      {mode !== 'none' && groupKeys.length > 0 ? (
        <>
          <button type="button" className="button button-quiet" onClick={() => onAll(false)} data-testid="inventory-group-collapse-all">
            {t('inventory.group.collapseAll')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => onAll(true)} data-testid="inventory-group-expand-all">
            {t('inventory.group.expandAll')}
          </button>
        </>
      ) : null}
    </div>
  );
}
