import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinanceFormats } from './finance-formats';
import { isInArrears, type ScheduleRow } from './schedule-rows';
import { InstallmentStatusChip } from './StatusChips';

/** Must match .fin-sched-row height in finance.css. */
const ROW_HEIGHT = 28;

interface ScheduleTableProps {
  rows: ScheduleRow[];
  formats: FinanceFormats;
  /** The next installment to pay, highlighted. */
  nextN?: number | null;
  testId: string;
}

/**
 * The installments, expected against actual. Virtualized: a 30-year monthly schedule is 360
 * lines and only those in view (plus a few) are in the DOM. A preview (nothing saved yet) has no
 * paid / owed / status columns.
 */
export function ScheduleTable({ rows, formats, nextN = null, testId }: ScheduleTableProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const actual = rows.some((row) => row.actual !== null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const columns = actual ? 'fin-sched-cols-actual' : 'fin-sched-cols-preview';

  return (
    <div ref={scrollRef} className="fin-sched" role="table" aria-label={t('finance.schedule.label')} aria-rowcount={rows.length + 1} tabIndex={0} data-testid={testId} data-rows={rows.length}>
      <div role="row" className={`fin-sched-head ${columns}`}>
        <span role="columnheader" className="numeric">
          {t('finance.schedule.n')}
        </span>
        <span role="columnheader">{t('finance.schedule.dueDate')}</span>
        <span role="columnheader" className="numeric">
          {t('finance.schedule.payment')}
        </span>
        <span role="columnheader" className="numeric">
          {t('finance.schedule.interest')}
        </span>
        <span role="columnheader" className="numeric">
          {t('finance.schedule.principal')}
        </span>
        <span role="columnheader" className="numeric">
          {t('finance.schedule.balance')}
        </span>
        {actual ? (
          <>
            <span role="columnheader" className="numeric">
              {t('finance.schedule.paid')}
            </span>
            <span role="columnheader" className="numeric">
              {t('finance.schedule.owed')}
            </span>
            <span role="columnheader">{t('finance.schedule.status')}</span>
          </>
        ) : null}
      </div>
      <div role="rowgroup" className="fin-sched-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const tone = row.n === nextN ? ' fin-sched-next' : isInArrears(row) ? ' fin-sched-arrears' : '';
          return (
            <div
              key={row.n}
              role="row"
              aria-rowindex={item.index + 2}
              className={`fin-sched-row ${columns}${tone}`}
              style={{ transform: `translateY(${item.start}px)` }}
              data-testid={`${testId}-row`}
              data-n={row.n}
              data-status={row.actual?.status ?? 'preview'}
              data-days-past-due={row.actual?.daysPastDue ?? 0}
            >
              <span role="cell" className="numeric">
                {row.n}
              </span>
              <span role="cell">{formats.date(row.dueDate)}</span>
              <span role="cell" className="numeric" data-field="payment">
                {formats.money(row.payment)}
              </span>
              <span role="cell" className="numeric" data-field="interest">
                {formats.money(row.interest)}
              </span>
              <span role="cell" className="numeric" data-field="principal">
                {formats.money(row.principal)}
              </span>
              <span role="cell" className="numeric" data-field="balance">
                {formats.money(row.balance)}
              </span>
              {row.actual ? (
                <>
                  <span role="cell" className="numeric" data-field="paid">
                    {formats.money(row.actual.paid)}
                  </span>
                  <span role="cell" className={row.actual.owed > 0n && isInArrears(row) ? 'numeric fin-danger' : 'numeric'} data-field="owed">
                    {formats.money(row.actual.owed)}
                  </span>
                  <span role="cell">
                    <InstallmentStatusChip status={row.actual.status} daysPastDue={row.actual.daysPastDue} />
                  </span>
                </>
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
