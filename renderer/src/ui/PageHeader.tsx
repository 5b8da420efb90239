import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PageHeaderProps {
  title: string;
  summary?: ReactNode;
  badge?: ReactNode;
}

/**
 * The page's h1 (focusable, so navigation can move focus to it) and the window title.
 */
export function PageHeader({ title, summary, badge }: PageHeaderProps) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);
  return (
    <header className="page-header">
      <div className="page-title-row">
        <h1 className="page-title" data-testid="page-title" tabIndex={-1}>
          {title}
        </h1>
        {badge}
      </div>
      {summary ? <p className="page-summary">{summary}</p> : null}
    </header>
  );
}
