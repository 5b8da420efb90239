import { useTranslation } from 'react-i18next';
import type { LeafFlagFilter } from './leaf-filter';
import type { NodeFormats } from './node-formats';

interface LeafToolbarProps {
  query: string;
  flags: LeafFlagFilter;
  shown: number;
  total: number;
  flagged: number;
  formats: NodeFormats;
  onQuery(query: string): void;
  onFlags(flags: LeafFlagFilter): void;
}

/** Search by asset id, "only assets with flags", and how many leaves that leaves. */
export function LeafToolbar({ query, flags, shown, total, flagged, formats, onQuery, onFlags }: LeafToolbarProps) {
  const { t } = useTranslation();
  const onlyFlagged = flags.kind !== 'all';
  return (
    <div className="leaf-toolbar">
      <input
        type="search"
        className="input leaf-search"
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        placeholder={t('node.leaves.searchPlaceholder')}
        aria-label={t('node.leaves.searchLabel')}
        spellCheck={false}
        autoComplete="off"
        data-testid="node-leaf-search"
      />
      <button type="button" className="filter-chip" aria-pressed={onlyFlagged} onClick={() => onFlags(onlyFlagged ? { kind: 'all' } : { kind: 'flagged' })} data-testid="node-leaf-flagged" data-count={flagged}>
        {t('node.leaves.withFlags')}
        <span className="filter-chip-count">{formats.integer(flagged)}</span>
      </button>
      <span className="leaf-count" data-testid="node-leaf-count" data-shown={shown} data-total={total} aria-live="polite">
        {t('node.leaves.count', { shown: formats.integer(shown), total: formats.integer(total) })}
      </span>
    </div>
  );
}
