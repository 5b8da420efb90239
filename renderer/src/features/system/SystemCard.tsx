import { useTranslation } from 'react-i18next';
import { formatDateTime, formatInteger, shortenHash } from '../../i18n/format';
import { Card } from '../../ui/Card';
import { Field, Fields } from '../../ui/Fields';
import { useLanguage } from '../../ui/use-language';
import { useSystemStore } from './store';

export function SystemCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { info, loading } = useSystemStore();
  return (
    <Card title={t('system.title')} className="system-card" testId="system-card" actions={info?.simulate ? <span className="tag tag-warn">{t('system.simulated')}</span> : null}>
      {info === null ? (
        <p className="muted" data-testid="system-loading">
          {loading ? t('common.loading') : t('common.unavailable')}
        </p>
      ) : (
        <Fields>
          <Field label={t('system.field.version')} testId="system-version" mono>
            {info.version}
          </Field>
          <Field label={t('system.field.mode')} testId="system-mode">
            {t(`system.mode.${info.mode}`)}
          </Field>
          <Field label={t('system.field.dataDir')} testId="system-data-dir" mono>
            {info.dataDir}
          </Field>
          <Field label={t('system.field.schemaVersion')} testId="system-schema-version">
            {t('system.schemaValue', { version: formatInteger(info.schemaVersion, language) })}
          </Field>
          <Field label={t('system.field.startedAt')} testId="system-started-at" title={info.startedAt}>
            {formatDateTime(info.startedAt, language)}
          </Field>
          <Field label={t('system.field.journalLength')} testId="system-journal-length">
            {formatInteger(info.journal.length, language)}
          </Field>
          <Field label={t('system.field.journalHead')} testId="system-journal-head" mono title={info.journal.head}>
            {shortenHash(info.journal.head)}
          </Field>
        </Fields>
      )}
    </Card>
  );
}
