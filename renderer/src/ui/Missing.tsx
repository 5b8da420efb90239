import { useTranslation } from 'react-i18next';

/** The em dash shown for a value the source did not report. */
export function Missing() {
  const { t } = useTranslation();
  return (
    <span className="missing" title={t('common.notReported')}>
      —
    </span>
  );
}

export function orMissing(value: string | null | undefined) {
  return value === null || value === undefined || value === '' ? <Missing /> : value;
}
