import { useTranslation } from 'react-i18next';
import { HostCard } from '../features/host/HostCard';
import { dismissHostError, useHostStore } from '../features/host/store';
import { SystemCard } from '../features/system/SystemCard';
import { dismissSystemError, useSystemStore } from '../features/system/store';
import { ErrorAlerts, type ShownError } from '../ui/ErrorAlerts';
import { PageHeader } from '../ui/PageHeader';

export function OverviewPage() {
  const { t } = useTranslation();
  const hostError = useHostStore((state) => state.error);
  const systemError = useSystemStore((state) => state.error);
  const errors: ShownError[] = [];
  if (hostError) errors.push({ id: 'host', context: t('errors.context.host'), error: hostError, onDismiss: dismissHostError });
  if (systemError) errors.push({ id: 'system', context: t('errors.context.system'), error: systemError, onDismiss: dismissSystemError });

  return (
    <>
      <PageHeader title={t('pages.overview.title')} summary={t('pages.overview.summary')} />
      <ErrorAlerts errors={errors} />
      <div className="overview-grid">
        <HostCard />
        <SystemCard />
      </div>
    </>
  );
}
