import { useTranslation } from 'react-i18next';
import type { FlagCount, LeafFlagFilter } from './leaf-filter';
import type { NodeFormats } from './node-formats';
import type { NodeLabels } from './use-node-labels';

interface FlagLegendProps {
  byFlag: FlagCount[];
  filter: LeafFlagFilter;
  formats: NodeFormats;
  labels: NodeLabels;
  onFilter(filter: LeafFlagFilter): void;
}

/**
 * The health flags raised in this epoch, each with how many assets carry it and what it means;
 * a flag's button shows only those assets. This is where the one-line explanations are read: in
 * the table they sit in each chip's tooltip.
 */
export function FlagLegend({ byFlag, filter, formats, labels, onFilter }: FlagLegendProps) {
  const { t } = useTranslation();
  if (byFlag.length === 0) {
    return (
      <p className="muted flag-legend-none" data-testid="node-flag-legend" data-flags="0">
        {t('node.flags.none')}
      </p>
    );
  }
  return (
    <ul className="flag-legend" data-testid="node-flag-legend" data-flags={byFlag.length}>
      {byFlag.map(({ name, count }) => {
        const text = labels.flag(name);
        const pressed = filter.kind === 'flag' && filter.name === name;
        return (
          <li key={name} className="flag-legend-item">
            <button
              type="button"
              className={`chip chip-flag chip-flag-${text.severity} flag-filter`}
              aria-pressed={pressed}
              onClick={() => onFilter(pressed ? { kind: 'all' } : { kind: 'flag', name })}
              title={t('node.flags.filterHelp')}
              data-testid="node-flag-filter"
              data-flag={name}
            >
              {text.label}
              <span className="chip-count">{formats.integer(count)}</span>
            </button>
            <span className="flag-legend-help">{text.help ?? t('node.flags.unknownHelp', { name })}</span>
          </li>
        );
      })}
    </ul>
  );
}
