import { useTranslation } from 'react-i18next';
import type { FleetSourceStatus } from '../../../../electron/contract/schemas/fleet';
import { fleetTone } from '../fleet/FleetStateChip';
import { sourceLink } from '../fleet/source-link';
import type { CellFormats } from './cell-formats';

/**
 * Each fleet source's health above the table, one chip per source: its state, name, GPUs and
 * targets up; a chip links to that source in Settings (its targets, errors and message).
 * Without any source, one quiet link says where to add one.
 */
export function FleetSourcesStrip({ sources, formats }: { sources: FleetSourceStatus[] | undefined; formats: CellFormats }) {
  const { t } = useTranslation();
  if (sources === undefined) return null;
  return (
    <nav className="inv-fleet-strip" aria-label={t('fleet.strip.label')} data-testid="inventory-fleet-strip">
      <span className="inv-fleet-strip-label">{t('fleet.strip.label')}</span>
      {sources.length === 0 ? (
        <a href={sourceLink()} className="inv-fleet-add" data-testid="inventory-fleet-add">
          {t('fleet.strip.none')}
        </a>
      ) : (
        sources.map((source) => {
          const up = source.targets.filter((target) => target.state === 'up').length;
          const state = t(`fleet.state.${source.state}`);
          const detail = [
            t('fleet.strip.gpus', { n: formats.integer(source.gpus) }),
            source.targets.length > 0 ? t('fleet.strip.targets', { up: formats.integer(up), total: formats.integer(source.targets.length) }) : null,
          ].filter(Boolean);
          return (
            <a
              key={source.id}
              href={sourceLink(source.id)}
              className={`inv-fleet-chip chip-health-${fleetTone(source.state)}`}
              data-testid="inventory-fleet-source"
              data-source-id={source.id}
              data-state={source.state}
              title={[t('fleet.strip.title', { name: source.name, state }), source.message].filter(Boolean).join('\n')}
            >
              <span className="chip-dot" aria-hidden="true" />
              <span className="inv-fleet-chip-name">{source.name}</span>
              {source.state === 'ok' ? <span className="sr-only">{state}</span> : <span className="inv-fleet-chip-state">{state}</span>}
              <span className="inv-fleet-chip-detail">{detail.join(' · ')}</span>
            </a>
          );
        })
      )}
    </nav>
  );
}
