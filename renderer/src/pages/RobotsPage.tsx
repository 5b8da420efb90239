import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../client/client-context';
import { FleetSummary } from '../features/robots/FleetSummary';
import { robotFormats } from '../features/robots/robot-formats';
import { RobotDetailView } from '../features/robots/RobotDetailView';
import { RobotsEmpty } from '../features/robots/RobotsEmpty';
import { RobotsTable } from '../features/robots/RobotsTable';
import { closeRobot, dismissDetailError, dismissRobotsError, loadRobots, openRobot, selectRobot, useRobotsStore } from '../features/robots/store';
import { useRobotLabels } from '../features/robots/use-robot-labels';
import { useEscapeToClose } from '../features/node/use-escape-to-close';
import { ErrorAlerts, type ShownError } from '../ui/ErrorAlerts';
import { PageHeader } from '../ui/PageHeader';
import { useLanguage } from '../ui/use-language';

/**
 * The robot fleet heard over VDA 5050: counts, the broker, the fleet table; a robot opens in
 * place of the table (Escape or Back returns to it, on the same row).
 */
export function RobotsPage() {
  const { t } = useTranslation();
  const client = useClient();
  const language = useLanguage();
  const formats = useRef(robotFormats(language));
  if (formats.current.language !== language) formats.current = robotFormats(language);
  const labels = useRobotLabels();
  const fleet = useRobotsStore((state) => state.fleet);
  const error = useRobotsStore((state) => state.error);
  const detailError = useRobotsStore((state) => state.detailError);
  const selectedId = useRobotsStore((state) => state.selectedId);
  const openId = useRobotsStore((state) => state.openId);
  const gridRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void loadRobots(client);
  }, [client]);
  useEscapeToClose(openId !== null, closeRobot);
  const shownId = useRef(openId);
  useEffect(() => {
    if (shownId.current !== null && openId === null) gridRef.current?.focus({ preventScroll: true });
    shownId.current = openId;
  }, [openId]);
  const onOpen = useCallback((id: string) => openRobot(id), []);

  const errors: ShownError[] = [];
  if (error) errors.push({ id: 'robots', context: t('robots.errorContext.list'), error, onDismiss: dismissRobotsError });
  if (detailError) errors.push({ id: 'robot', context: t('robots.errorContext.detail'), error: detailError, onDismiss: dismissDetailError });

  return (
    <div className={openId === null ? 'robots-page' : 'robots-page robots-page-detail'}>
      <PageHeader title={t('pages.robots.title')} summary={t('pages.robots.summary')} badge={fleet?.source.simulated ? <span className="tag tag-simulated">{t('robots.source.simulated')}</span> : null} />
      <ErrorAlerts errors={errors} />
      {openId !== null ? (
        <RobotDetailView key={openId} id={openId} formats={formats.current} onClose={closeRobot} />
      ) : fleet === undefined ? (
        <p className="muted busy-line" data-testid="robots-loading">
          {error ? t('common.unavailable') : <><span className="spinner" aria-hidden="true" /> {t('robots.loading')}</>}
        </p>
      ) : (
        <>
          <FleetSummary fleet={fleet} formats={formats.current} />
          {fleet.robots.length === 0 ? <RobotsEmpty source={fleet.source} /> : <RobotsTable robots={fleet.robots} selectedId={selectedId} formats={formats.current} labels={labels} onSelect={selectRobot} onOpen={onOpen} gridRef={gridRef} />}
        </>
      )}
    </div>
  );
}
