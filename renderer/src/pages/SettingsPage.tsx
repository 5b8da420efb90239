import { useTranslation } from 'react-i18next';
import { useConnectionStore } from '../features/connection/store';
import { FleetSourcesCard } from '../features/settings/FleetSourcesCard';
import { LanguageSelect } from '../features/settings/LanguageSelect';
import { ThemeSelect } from '../features/settings/ThemeSelect';
import { useSystemStore } from '../features/system/store';
import { formatDateTime, formatInteger } from '../i18n/format';
import { Card } from '../ui/Card';
import { Field, Fields } from '../ui/Fields';
import { Missing } from '../ui/Missing';
import { PageHeader } from '../ui/PageHeader';
import { useLanguage } from '../ui/use-language';

export function SettingsPage({ onShowShortcuts }: { onShowShortcuts(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const connection = useConnectionStore();
  const info = useSystemStore((state) => state.info);

  return (
    <>
      <PageHeader title={t('pages.settings.title')} summary={t('pages.settings.summary')} />
      <div className="settings-grid">
        <Card title={t('settings.appearance')}>
          <div className="control-stack">
            <LanguageSelect testId="settings-language-select" />
            <ThemeSelect testId="settings-theme-select" />
          </div>
        </Card>

        <Card title={t('settings.connection.title')} testId="settings-connection">
          <Fields>
            <Field label={t('settings.connection.transport')} testId="settings-transport">
              {t(`connection.transport.${connection.transport}`)} ({connection.transport})
            </Field>
            {connection.serverOrigin ? (
              <Field label={t('settings.connection.server')} testId="settings-server" mono>
                {connection.serverOrigin}
              </Field>
            ) : null}
            <Field label={t('settings.connection.state')} testId="settings-connection-state">
              {t(`connection.state.${connection.state}`)}
            </Field>
            <Field label={t('settings.connection.lastHeartbeat')} testId="settings-last-heartbeat" title={connection.lastHeartbeatAt ?? undefined}>
              {connection.lastHeartbeatAt ? formatDateTime(connection.lastHeartbeatAt, language) : t('connection.noHeartbeat')}
            </Field>
          </Fields>
        </Card>

        <FleetSourcesCard />

        <Card title={t('settings.about.title')} testId="settings-about">
          <Fields>
            <Field label={t('settings.about.version')} testId="settings-version" mono>
              {info ? info.version : <Missing />}
            </Field>
            <Field label={t('settings.about.mode')}>{info ? t(`system.mode.${info.mode}`) : <Missing />}</Field>
            <Field label={t('settings.about.dataDir')} testId="settings-data-dir" mono>
              {info ? info.dataDir : <Missing />}
            </Field>
            <Field label={t('settings.about.schemaVersion')}>{info ? t('system.schemaValue', { version: formatInteger(info.schemaVersion, language) }) : <Missing />}</Field>
          </Fields>
        </Card>

        <Card title={t('settings.shortcuts.title')}>
          <button type="button" className="button" onClick={onShowShortcuts} data-testid="settings-shortcuts">
            {t('settings.shortcuts.open')}
          </button>
        </Card>
      </div>
    </>
  );
}
