import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetSourceStatus } from '../../../../electron/contract/schemas/fleet';
import { useClient } from '../../client/client-context';
import { AddSourceDialog } from '../fleet/AddSourceDialog';
import { fleetFormats } from '../fleet/fleet-formats';
import { RemoveSourceDialog } from '../fleet/RemoveSourceDialog';
import { sourceLinkTarget } from '../fleet/source-link';
import { SourceItem, sourceElementId } from '../fleet/SourceItem';
import { dismissFleetError, dismissFleetRefreshError, forgetSource, receiveAddedSource, refreshFleet, useFleetStore } from '../fleet/store';
import { Card } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlerts, type ShownError } from '../../ui/ErrorAlerts';
import { useLanguage } from '../../ui/use-language';

/**
 * Settings → Fleet sources: every dcgm-exporter target list and Prometheus server Sietch reads,
 * with its health, kept live by onFleetSourcesChanged; add (with a connection test first),
 * test and remove. A link `#/settings/sources/<id>` (the Inventory page's chips) scrolls to and
 * focuses that source.
 */
export function FleetSourcesCard() {
  const { t } = useTranslation();
  const client = useClient();
  const formats = fleetFormats(useLanguage());
  const { sources, refreshSeconds, error, refreshing, refreshError } = useFleetStore();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<FleetSourceStatus | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const cardRef = useRef<HTMLDivElement>(null);

  useSourceDeepLink(cardRef, sources !== undefined);

  const onRemove = useCallback((source: FleetSourceStatus) => setRemoving(source), []);
  const onAdded = (source: FleetSourceStatus) => {
    receiveAddedSource(source);
    setAdding(false);
    // Focus the new source, so the operator sees it being read.
    requestAnimationFrame(() => document.getElementById(sourceElementId(source.id))?.focus());
  };
  const onRemoved = (id: string) => {
    forgetSource(id);
    setRemoving(null);
    // Once the modal is gone (focus cannot leave a modal dialog): its opener went with the source.
    requestAnimationFrame(() => addRef.current?.focus());
  };

  const errors: ShownError[] = [];
  if (error) errors.push({ id: 'list', context: t('fleet.errorContext.list'), error, onDismiss: dismissFleetError });
  if (refreshError) errors.push({ id: 'refresh', context: t('fleet.errorContext.refresh'), error: refreshError, onDismiss: dismissFleetRefreshError });

  return (
    <div ref={cardRef} className="fleet-card-frame">
      <Card
        title={t('fleet.settings.title')}
        className="fleet-card"
        testId="fleet-sources"
        actions={
          <>
            {sources && sources.length > 0 ? (
              <button type="button" className="button" onClick={() => void refreshFleet(client)} aria-busy={refreshing} aria-disabled={refreshing} data-testid="fleet-refresh">
                {refreshing ? <span className="spinner" aria-hidden="true" /> : null}
                {refreshing ? t('fleet.settings.refreshing') : t('fleet.settings.refresh')}
              </button>
            ) : null}
            <button ref={addRef} type="button" className="button button-primary" onClick={() => setAdding(true)} data-testid="fleet-add">
              {t('fleet.settings.add')}
            </button>
          </>
        }
      >
        <p className="muted fleet-intro">{t('fleet.settings.intro', { seconds: refreshSeconds ?? 60 })}</p>
        <ErrorAlerts errors={errors} />
        {sources === undefined ? (
          <p className="muted busy-line" data-testid="fleet-loading">
            <span className="spinner" aria-hidden="true" /> {t('fleet.settings.loading')}
          </p>
        ) : sources.length === 0 ? (
          <EmptyState testId="fleet-sources-empty">
            <p className="fleet-empty-title">{t('fleet.settings.emptyTitle')}</p>
            <p className="muted">{t('fleet.settings.emptyHelp')}</p>
            <p className="fleet-empty-action">
              <button type="button" className="button button-primary" onClick={() => setAdding(true)} data-testid="fleet-add-empty">
                {t('fleet.settings.add')}
              </button>
            </p>
          </EmptyState>
        ) : (
          <ul className="fleet-source-list" data-testid="fleet-source-list">
            {sources.map((source) => (
              <SourceItem key={source.id} source={source} formats={formats} onRemove={onRemove} />
            ))}
          </ul>
        )}
      </Card>
      {adding ? <AddSourceDialog formats={formats} onAdded={onAdded} onClose={() => setAdding(false)} /> : null}
      {removing ? <RemoveSourceDialog source={removing} onRemoved={onRemoved} onClose={() => setRemoving(null)} /> : null}
    </div>
  );
}

/** Follows `#/settings/sources[/<id>]`: the section scrolled into view, the named source focused, once they are shown. */
function useSourceDeepLink(cardRef: RefObject<HTMLDivElement | null>, loaded: boolean): void {
  useEffect(() => {
    if (!loaded) return undefined;
    const follow = () => {
      const target = sourceLinkTarget(window.location.hash);
      if (!target.section) return;
      const item = target.id === null ? null : document.getElementById(sourceElementId(target.id));
      if (item) {
        item.scrollIntoView({ block: 'center' });
        item.focus({ preventScroll: true });
      } else cardRef.current?.scrollIntoView({ block: 'start' });
    };
    // A frame later: a navigation focuses the page title and scrolls to the top after the page's own effects.
    const later = () => requestAnimationFrame(follow);
    later();
    window.addEventListener('hashchange', later);
    return () => window.removeEventListener('hashchange', later);
  }, [cardRef, loaded]);
}
