import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractView, InvoiceView } from '../../../../electron/contract/schemas/customers';
import { Card } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { AgingBar } from './AgingBar';
import { useBooksStore } from './books-store';
import { CsvActions } from './CsvActions';
import type { FinanceFormats } from './finance-formats';
import { VirtualTable, type VirtualColumn } from './VirtualTable';

/** Contracts, their invoices with days past due and aging, and each customer's payment record. */
export function CustomersTab({ formats }: { formats: FinanceFormats }) {
  const { t } = useTranslation();
  const { contracts, invoices, receivables } = useBooksStore();
  const contractColumns = useMemo<VirtualColumn<ContractView>[]>(
    () => [
      { key: 'id', title: t('finance.books.contract.id'), width: 'minmax(120px, 1fr)', cell: (row) => row.id },
      { key: 'customer', title: t('finance.books.contract.customer'), width: 'minmax(140px, 1.2fr)', cell: (row) => row.customer },
      { key: 'kind', title: t('finance.books.contract.kind'), width: '130px', cell: (row) => t(`finance.books.kind.${row.kind}`) },
      { key: 'units', title: t('finance.books.contract.units'), width: '70px', numeric: true, cell: (row) => formats.integer(row.units) },
      { key: 'price', title: t('finance.books.contract.price'), width: '130px', numeric: true, cell: (row) => `${formats.money(row.unitPrice)} / ${t(`finance.books.unit.${row.billingUnit}`)}` },
      { key: 'monthly', title: t('finance.books.contract.monthly'), width: '120px', numeric: true, cell: (row) => formats.money(row.monthlyAmount) },
      { key: 'end', title: t('finance.books.contract.end'), width: '110px', cell: (row) => formats.date(row.endDate) },
      { key: 'remaining', title: t('finance.books.contract.remaining'), width: '90px', numeric: true, cell: (row) => formats.integer(row.remainingMonths) },
      { key: 'open', title: t('finance.books.contract.open'), width: '120px', numeric: true, cell: (row) => formats.money(row.open) },
      { key: 'dpd', title: t('finance.books.contract.dpd'), width: '70px', numeric: true, cell: (row) => (row.daysPastDue > 0 ? formats.integer(row.daysPastDue) : '—') },
    ],
    [t, formats],
  );
  const invoiceColumns = useMemo<VirtualColumn<InvoiceView>[]>(
    () => [
      { key: 'id', title: t('finance.books.invoice.id'), width: 'minmax(130px, 1fr)', cell: (row) => row.id },
      { key: 'customer', title: t('finance.books.contract.customer'), width: 'minmax(120px, 1fr)', cell: (row) => row.customer },
      { key: 'issued', title: t('finance.books.invoice.issued'), width: '110px', cell: (row) => formats.date(row.issueDate) },
      { key: 'due', title: t('finance.books.invoice.due'), width: '110px', cell: (row) => formats.date(row.dueDate) },
      { key: 'amount', title: t('finance.books.invoice.amount'), width: '120px', numeric: true, cell: (row) => formats.money(row.amount) },
      { key: 'open', title: t('finance.books.invoice.open'), width: '120px', numeric: true, cell: (row) => formats.money(row.open) },
      { key: 'state', title: t('finance.books.invoice.state'), width: '110px', cell: (row) => <span className={`fin-chip fin-chip-${row.state === 'overdue' ? 'danger' : row.state === 'paid-late' ? 'warn' : row.state === 'paid' ? 'ok' : 'idle'}`}>{t(`finance.books.invoiceState.${row.state}`)}</span> },
      { key: 'dpd', title: t('finance.books.contract.dpd'), width: '70px', numeric: true, cell: (row) => (row.daysPastDue > 0 ? formats.integer(row.daysPastDue) : '—') },
      { key: 'bucket', title: t('finance.books.invoice.bucket'), width: '90px', cell: (row) => (row.open > 0n ? t(`finance.books.aging.${row.bucket}`) : '—') },
      { key: 'basis', title: t('finance.books.invoice.basis'), width: '110px', cell: (row) => t(`finance.books.basis.${row.basis}`) },
    ],
    [t, formats],
  );
  const csv = <CsvActions imports={['contracts', 'invoices', 'payments']} exports={['contracts', 'invoices', 'payments', 'aging']} />;
  if (contracts !== undefined && contracts.length === 0) {
    return (
      <EmptyState testId="finance-customers-empty">
        <p className="fin-empty-title">{t('finance.books.customers.emptyTitle')}</p>
        <p>{t('finance.books.customers.emptyExplain')}</p>
        {csv}
      </EmptyState>
    );
  }
  return (
    <div className="fin-books" data-testid="finance-customers">
      {csv}
      {receivables ? (
        <Card title={t('finance.books.customers.receivables')}>
          <AgingBar aging={receivables.aging} formats={formats} />
          <table className="data-table fin-history" data-testid="finance-payment-history">
            <thead>
              <tr>
                <th scope="col">{t('finance.books.contract.customer')}</th>
                <th scope="col" className="numeric">{t('finance.books.history.invoices')}</th>
                <th scope="col" className="numeric">{t('finance.books.history.onTime')}</th>
                <th scope="col" className="numeric">{t('finance.books.history.late')}</th>
                <th scope="col" className="numeric">{t('finance.books.history.averageLate')}</th>
                <th scope="col" className="numeric">{t('finance.books.history.worst')}</th>
                <th scope="col" className="numeric">{t('finance.books.history.open')}</th>
                <th scope="col" className="numeric">{t('finance.books.history.share')}</th>
              </tr>
            </thead>
            <tbody>
              {receivables.customers.map((customer) => (
                <tr key={customer.customer} data-testid="finance-history-row" data-customer={customer.customer}>
                  <td className="fin-name">{customer.customer}</td>
                  <td className="numeric">{formats.integer(customer.invoices)}</td>
                  <td className="numeric">{formats.integer(customer.paidOnTime)}</td>
                  <td className={customer.paidLate > 0 ? 'numeric fin-warn' : 'numeric'}>{formats.integer(customer.paidLate)}</td>
                  <td className="numeric" data-field="averageDaysLate">{customer.averageDaysLate ?? '—'}</td>
                  <td className="numeric">{customer.maxDaysPastDue > 0 ? formats.integer(customer.maxDaysPastDue) : '—'}</td>
                  <td className="numeric">{formats.money(customer.open)}</td>
                  <td className="numeric">{formats.percent(String((receivables.concentration.shares.find((share) => share.customer === customer.customer)?.shareBps ?? 0) / 100))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
      <Card title={t('finance.books.customers.contracts', { count: contracts?.length ?? 0 })}>
        {contracts ? <VirtualTable rows={contracts} columns={contractColumns} rowKey={(row) => row.id} label={t('finance.books.customers.contractsLabel')} testId="finance-contracts" rowTestId="finance-contract-row" rowData={(row) => ({ 'contract-id': row.id })} minWidth={1100} maxHeight={240} /> : <p className="muted">{t('common.loading')}</p>}
      </Card>
      <Card title={t('finance.books.customers.invoices', { count: invoices?.length ?? 0 })}>
        {invoices ? (
          <VirtualTable rows={invoices} columns={invoiceColumns} rowKey={(row) => row.id} label={t('finance.books.customers.invoicesLabel')} testId="finance-invoices" rowTestId="finance-invoice-row" rowData={(row) => ({ 'invoice-id': row.id, state: row.state, 'days-past-due': row.daysPastDue, bucket: row.bucket })} rowClass={(row) => (row.state === 'overdue' ? 'fin-row-overdue' : undefined)} minWidth={1100} />
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )}
      </Card>
    </div>
  );
}
