import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../ui/PageHeader';
import { PLANNED_PAGES, type PlannedPageId } from './planned-pages';

/** A page whose feature is not built yet: its title and what it will show, concretely. */
export function PlannedPage({ page }: { page: PlannedPageId }) {
  const { t } = useTranslation();
  const headingId = useId();
  const plan = PLANNED_PAGES[page];
  return (
    <>
      <PageHeader title={t(`pages.${page}.title`)} summary={t(`pages.${page}.summary`)} badge={<span className="tag">{t('common.notBuilt')}</span>} />
      <section className="card empty-panel" aria-labelledby={headingId} data-testid="not-built">
        <h2 id={headingId} className="card-title">
          {t('pages.planned.heading')}
        </h2>
        <ul className="plan-list">
          {plan.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
