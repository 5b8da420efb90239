import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FINANCE_TABS, type FinanceTab } from './books-store';

/** The Finance page's tabs (ARIA tabs: arrows move between them, Home/End jump). */
export function FinanceTabs({ tab, onChange, alertCount }: { tab: FinanceTab; onChange(tab: FinanceTab): void; alertCount: number }) {
  const { t } = useTranslation();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = FINANCE_TABS.indexOf(tab);
    const next = event.key === 'ArrowRight' ? (index + 1) % FINANCE_TABS.length : event.key === 'ArrowLeft' ? (index + FINANCE_TABS.length - 1) % FINANCE_TABS.length : event.key === 'Home' ? 0 : event.key === 'End' ? FINANCE_TABS.length - 1 : -1;
    if (next < 0) return;
    event.preventDefault();
    onChange(FINANCE_TABS[next]!);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" className="fin-tabs" aria-label={t('finance.books.tabsLabel')} onKeyDown={onKeyDown} data-testid="finance-tabs">
      {FINANCE_TABS.map((name, index) => (
        <button
          key={name}
          ref={(element) => {
            refs.current[index] = element;
          }}
          type="button"
          role="tab"
          id={`finance-tab-${name}`}
          aria-selected={tab === name}
          aria-controls="finance-tab-panel"
          tabIndex={tab === name ? 0 : -1}
          className={tab === name ? 'fin-tab fin-tab-active' : 'fin-tab'}
          onClick={() => onChange(name)}
          data-testid={`finance-tab-${name}`}
        >
          {t(`finance.books.tab.${name}`)}
          {name === 'alerts' && alertCount > 0 ? <span className="fin-tab-count">{alertCount}</span> : null}
        </button>
      ))}
    </div>
  );
}
