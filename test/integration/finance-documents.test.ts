import { describe, expect, it } from 'vitest';
import { borrowingBaseCertificate, facilityStatement } from '../../electron/core/finance/finance-pdf';
import { exportFinanceTable } from '../../electron/core/finance/finance-csv-export';
import { importFinanceCsv } from '../../electron/core/finance/finance-csv-import';
import { openFinanceBooks, sightGpu, units, type FinanceBooks } from '../support/finance-books';
import { pdfText } from '../support/pdf-text';
import { useTempDirs } from '../support/temp-dir';

// CSV imports (every error with its row and column, nothing written), exports (every table, formula
// guard, round trip) and the two PDFs (their figures read back from the files) on a real SQLite file.
const tempDir = useTempDirs();
const TODAY = '2026-09-15';

/** Books with 4 GPUs on a fixed-rate facility, a lease and its invoices, ready for documents. */
function seeded(): { books: FinanceBooks; gpus: string[]; facilityId: string } {
  const books = openFinanceBooks(tempDir(), TODAY);
  const { finance, register } = books;
  const gpus = Array.from({ length: 4 }, (_, i) => sightGpu(register, i + 1, new Date('2026-01-10T00:00:00Z')));
  const facility = finance.facilities.create({ name: 'Pod B =SUM(A1)', lender: 'Harbor Capital', notes: null, terms: { structure: 'fixed-rate', principal: units('80000'), annualRatePct: '12', periods: 24, frequency: 'monthly', amortization: 'annuity', balloon: 0n, startDate: '2026-02-01', firstDueDate: null, dayCount: '30/360', graceDays: 5, defaultAfterDays: 90, lateFeePct: '0', penaltyAprPct: '0', prepaymentFeePct: '0', prepaymentMode: 'reduce-payment', allocationOrder: ['fees', 'interest', 'principal'] } });
  return { books, gpus, facilityId: facility.facility.id };
}

describe('CSV imports', () => {
  it('refuses a contracts file with bad rows: nothing is written and every error names its row and column', () => {
    const { books, gpus } = seeded();
    const before = books.journal.head();
    const csv = [
      'id,customer,kind,billing_unit,unit_price,start_date,term_months,payment_terms_days,asset_ids,notes',
      `LEASE-1,Acme AI,compute-lease,gpu-hour,2.49,2026-02-01,36,30,${gpus[0]} ${gpus[1]},`,
      `LEASE-2,Borealis,compute-lease,robot-month,2000,2026-02-30,0,30,${gpus[2]},`, // bad unit, date, term
      `LEASE-1,Acme AI,compute-lease,gpu-month,1,2026-02-01,12,,${gpus[3]},dup`, // duplicate id
      `LEASE-4,Cinder,raas-subscription,robot-month,1.234.5,2026-03-01,24,x,robot:acme:1,`, // bad price, terms, unknown robot
      `LEASE-5,Delta,compute-lease,gpu-month,1000,2026-03-01,24,30,gpu:GPU-nope,`, // unknown asset
    ].join('\n');
    const result = importFinanceCsv(books.finance, 'contracts', csv, false);
    expect(result.applied).toBe(false);
    expect(result.created).toBe(0);
    expect(result.errors.map((error) => [error.row, error.column])).toEqual([
      [3, 'start_date'],
      [3, 'term_months'],
      [4, 'id'],
      [5, 'unit_price'],
      [5, 'payment_terms_days'],
      [6, 'asset_ids'],
    ]);
    expect(result.errors.find((error) => error.row === 6)!.message).toBe('no asset "gpu:GPU-nope" in the register');
    expect(books.finance.store.contracts()).toEqual([]);
    expect(books.journal.head()).toEqual(before);
  });

  it('refuses rows that fail checks against the books and the rest of the file, for every table', () => {
    const { books, gpus, facilityId } = seeded();
    const ok = importFinanceCsv(books.finance, 'contracts', `id,customer,kind,billing_unit,unit_price,start_date,term_months,asset_ids\nLEASE-1,Acme AI,compute-lease,gpu-month,2000,2026-02-01,24,${gpus[0]};${gpus[1]}`, false);
    expect(ok).toEqual({ applied: true, rows: 1, created: 1, errors: [] });
    const before = books.journal.head();
    const cases: [Parameters<typeof importFinanceCsv>[1], string, [number, string | null][]][] = [
      ['invoices', 'id,contract_id,period,period_start,period_end,issue_date,due_date,amount\nINV-1,LEASE-1,1,2026-02-01,2026-03-01,2026-03-01,2026-03-31,4000\nINV-2,LEASE-9,,2026-02-01,2026-03-01,2026-03-01,2026-02-01,40.001\nINV-1,LEASE-1,2,2026-03-01,2026-04-01,2026-04-01,2026-05-01,4000\nINV-4,LEASE-1,1,2026-03-01,2026-02-01,2026-04-01,2026-05-01,4000', [[3, 'amount'], [4, 'id'], [5, 'period']]],
      ['payments', 'customer,date,amount,invoice_id,reference\nAcme AI,2026-03-10,4000,,w1\nNobody,2026-03-10,10,,\nAcme AI,2027-01-01,10,,\nAcme AI,2026-03-10,-5,,\nAcme AI,2026-03-10,5,INV-404,', [[3, 'customer'], [4, 'date'], [5, 'amount'], [6, 'invoice_id']]],
      ['costs', 'facility_id,date,category,amount,note\n' + `${facilityId},2026-03-15,power,1200.50,\nfac_nope,2026-03-15,power,1,\n${facilityId},2026-03-15,cooling,1,\n${facilityId},2026-13-15,power,1,`, [[3, 'facility_id'], [4, 'category'], [5, 'date']]],
      ['appraisals', `asset_id,appraised_on,value,method,life_months,residual_value,annual_rate_pct,advance_rate_pct\n${gpus[0]},2026-02-01,30000,straight-line,60,5000,,75\n${gpus[1]},2026-02-01,30000,straight-line,,5000,,75\n${gpus[2]},2026-02-01,30000,declining-balance,,40000,30,75\n${gpus[3]},2026-02-01,30000,straight-line,60,0,,150\ngpu:GPU-none,2026-02-01,1,straight-line,60,0,,`, [[3, 'life_months'], [4, 'residual_value'], [5, 'advance_rate_pct'], [6, 'asset_id']]],
      ['pledges', `facility_id,asset_id,date\n${facilityId},${gpus[0]},2026-02-01\n${facilityId},${gpus[0]},2026-02-01\nfac_nope,${gpus[1]},2026-02-01\n${facilityId},${gpus[2]},2027-02-01`, [[3, 'asset_id'], [4, 'facility_id'], [5, 'date']]],
    ];
    for (const [table, csv, expected] of cases) {
      const result = importFinanceCsv(books.finance, table, csv, false);
      expect(result.applied, table).toBe(false);
      expect(result.errors.map((error) => [error.row, error.column]), table).toEqual(expected);
      expect(books.journal.head(), table).toEqual(before);
    }
    expect(books.finance.store.invoices()).toEqual([]);
    expect(books.finance.store.payments()).toEqual([]);
    expect(books.finance.store.pledges()).toEqual([]);
    expect(books.finance.appraisals()).toEqual([]);
    // A header problem is reported on row 1.
    expect(importFinanceCsv(books.finance, 'payments', 'customer,date,amount,colour\n', false).errors).toEqual([{ row: 1, column: 'colour', message: 'unknown column "colour"; expected: customer, date, amount, invoice_id, reference' }]);
    expect(importFinanceCsv(books.finance, 'payments', 'customer,date\n', false).errors).toEqual([{ row: 1, column: 'amount', message: 'the header has no amount column' }]);
    expect(importFinanceCsv(books.finance, 'payments', '"unterminated\n', false).errors[0]!.message).toMatch(/not valid CSV/);
  });

  it('round-trips: what it exports imports into an empty data directory, and formulas stay text', () => {
    const { books, gpus, facilityId } = seeded();
    const { finance } = books;
    finance.createContract({ id: 'LEASE-1', customer: '=cmd|calc', kind: 'compute-lease', billingUnit: 'gpu-hour', unitPrice: 2_490_000n, startDate: '2026-02-01', termMonths: 24, paymentTermsDays: 30, assetIds: gpus, notes: '@risk' });
    finance.generateInvoices(TODAY);
    finance.recordPayment({ customer: '=cmd|calc', date: '2026-04-02', amount: units('10000.000001'), invoiceId: null, reference: '+wire' });
    for (const gpu of gpus) finance.appraise({ assetId: gpu, appraisedOn: '2026-02-01', value: units('30000'), method: 'declining-balance', lifeMonths: null, residualValue: units('5000'), annualRatePct: '30', advanceRatePct: '70' });
    finance.pledge({ facilityId, assetIds: gpus, date: '2026-02-01' });
    finance.recordCost({ facilityId, date: '2026-03-15', category: 'facility', amount: units('900'), note: '-rack 4' });
    const contracts = exportFinanceTable(finance, 'contracts', undefined, undefined);
    expect(contracts.csv).toContain(`LEASE-1,'=cmd|calc,compute-lease,gpu-hour,2.490000,2026-02-01,24,30,${[...gpus].sort().join(' ')},'@risk`);
    const every = ['contracts', 'invoices', 'payments', 'allocations', 'aging', 'appraisals', 'pledges', 'collateral', 'costs', 'waterfall', 'alerts'] as const;
    for (const table of every) expect(exportFinanceTable(finance, table, undefined, facilityId).csv.split('\r\n')[0]!.length, table).toBeGreaterThan(5);
    expect(() => exportFinanceTable(finance, 'waterfall', undefined, undefined)).toThrow(/per facility/);

    // A fresh data directory with the same register and facility takes the files back.
    const copy = openFinanceBooks(tempDir(), TODAY);
    gpus.forEach((_, i) => sightGpu(copy.register, i + 1, new Date('2026-01-10T00:00:00Z')));
    copy.db.prepare('PRAGMA foreign_keys = OFF').run();
    const facilityRow = books.db.prepare('SELECT * FROM facilities').get() as Record<string, unknown>;
    const termsRow = books.db.prepare('SELECT * FROM facility_terms').get() as Record<string, unknown>;
    copy.db.prepare(`INSERT INTO facility_terms (${Object.keys(termsRow).join(', ')}) VALUES (${Object.keys(termsRow).map(() => '?').join(', ')})`).run(...Object.values(termsRow));
    copy.db.prepare(`INSERT INTO facilities (${Object.keys(facilityRow).join(', ')}) VALUES (${Object.keys(facilityRow).map(() => '?').join(', ')})`).run(...Object.values(facilityRow));
    copy.db.prepare('PRAGMA foreign_keys = ON').run();
    for (const table of ['contracts', 'invoices', 'payments', 'appraisals', 'pledges', 'costs'] as const) {
      const exported = exportFinanceTable(finance, table, undefined, undefined).csv;
      const result = importFinanceCsv(copy.finance, table, exported, false);
      expect(result.errors, table).toEqual([]);
      expect(result.applied, table).toBe(true);
    }
    for (const table of ['contracts', 'invoices', 'payments', 'allocations', 'aging', 'appraisals', 'pledges', 'costs'] as const) {
      expect(exportFinanceTable(copy.finance, table, undefined, undefined).csv.replace(/(\r\n[^\r\n]*?),\d+,[^,\r\n]*,[^,\r\n]*,\d+(?=\r\n|$)/g, '$1'), table).toBe(exportFinanceTable(finance, table, undefined, undefined).csv.replace(/(\r\n[^\r\n]*?),\d+,[^,\r\n]*,[^,\r\n]*,\d+(?=\r\n|$)/g, '$1'));
    }
    expect(copy.finance.coverage(facilityId, TODAY).figures).toEqual(finance.coverage(facilityId, TODAY).figures);
    expect(copy.journal.verify().ok).toBe(true);
  });
});

describe('PDF documents', () => {
  it('writes the borrowing-base certificate with every asset, its value and eligibility, and the totals', async () => {
    const { books, gpus, facilityId } = seeded();
    const { finance, register } = books;
    for (const gpu of gpus) finance.appraise({ assetId: gpu, appraisedOn: '2026-02-01', value: units('30000'), method: 'straight-line', lifeMonths: 60, residualValue: units('5000'), annualRatePct: null, advanceRatePct: '75' });
    finance.pledge({ facilityId, assetIds: gpus, date: '2026-02-01' });
    finance.setCovenant({ facilityId, minCoverage: '1.5' });
    register.recordMisses([gpus[3]!], 1, new Date('2026-08-01T00:00:00Z'));
    const coverage = finance.coverage(facilityId, TODAY);
    const document = await borrowingBaseCertificate(finance, facilityId, TODAY);
    expect(document.filename).toBe(`sietch-borrowing-base-${facilityId}-${TODAY}.pdf`);
    const { pages, producer } = await pdfText(Buffer.from(document.pdfBase64, 'base64'));
    expect(producer).toBe('Sietch');
    const text = pages.flat();
    // 7 whole months: 30,000 − 25,000 × 7/60 = 27,083.33 each; 3 count; the missing one does not.
    expect(coverage.figures.eligibleValue).toBe(units('81249.99'));
    for (const figure of ['81,249.99', '108,333.32', '60,937.50', coverage.figures.coverage! + 'x', '1.5x', 'BREACHED', 'Borrowing-base certificate']) expect(text).toContain(figure);
    expect(text).toContain('Pod B =SUM(A1)');
    expect(text).toContain(facilityId);
    for (const gpu of gpus) expect(text).toContain(gpu);
    expect(text.filter((cell) => cell === 'missing')).toHaveLength(1);
    expect(text.filter((cell) => cell === '27,083.33')).toHaveLength(4 + 3); // value column ×4, eligible value ×3
    const cures = coverage.figures.cures!;
    expect(text).toContain(new Intl.NumberFormat('en', { minimumFractionDigits: 2 }).format(Number(cures.pledgeMore) / 1e6));
    expect(text).toContain(books.journal.head().head); // in full, on its own line
  });

  it('continues a long collateral list on more pages, with the header repeated', async () => {
    const { books, facilityId } = seeded();
    const { finance, register } = books;
    const many = Array.from({ length: 120 }, (_, i) => sightGpu(register, 100 + i, new Date('2026-01-10T00:00:00Z')));
    finance.pledge({ facilityId, assetIds: many, date: '2026-02-01' });
    const document = await borrowingBaseCertificate(finance, facilityId, TODAY);
    const { pages } = await pdfText(Buffer.from(document.pdfBase64, 'base64'));
    expect(document.pages).toBeGreaterThan(1);
    expect(pages.length).toBe(document.pages);
    expect(pages.every((page) => page.includes('Borrowing base'))).toBe(true);
    expect(pages.flat().filter((cell) => cell === 'not-appraised')).toHaveLength(120);
  });

  it('writes the statement of a period with the waterfall, DSCR and the payments the lender received', async () => {
    const { books, gpus, facilityId } = seeded();
    const { finance } = books;
    finance.pledge({ facilityId, assetIds: gpus, date: '2026-02-01' });
    finance.createContract({ id: 'LEASE-1', customer: 'Acme AI', kind: 'compute-lease', billingUnit: 'gpu-month', unitPrice: units('1500'), startDate: '2026-02-01', termMonths: 24, paymentTermsDays: 10, assetIds: gpus, notes: null });
    finance.generateInvoices(TODAY);
    finance.recordPayment({ customer: 'Acme AI', date: '2026-03-05', amount: units('6000'), invoiceId: null, reference: null });
    finance.recordCost({ facilityId, date: '2026-02-20', category: 'power', amount: units('700'), note: null });
    const installment = finance.facilities.get(facilityId, TODAY).schedule;
    const first = installment.structure === 'fixed-rate' ? installment.installments[0]! : undefined;
    finance.facilities.recordPayment({ facilityId, date: first!.dueDate, amount: first!.expected.payment, kind: 'regular', reference: 'wire 1', note: null });
    const waterfall = finance.waterfall(facilityId, TODAY).periods[1]!; // period 2: Mar 1 – Apr 1 holds the customer's payment
    expect(waterfall).toMatchObject({ revenue: units('6000'), debtService: first!.expected.payment });
    const document = await facilityStatement(finance, facilityId, 2, TODAY);
    const text = (await pdfText(Buffer.from(document.pdfBase64, 'base64'))).pages.flat();
    const print = (micro: bigint) => new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 6 }).format(Number(micro) / 1e6);
    for (const figure of [print(waterfall.revenue), print(waterfall.netCashFlow), print(waterfall.debtService), print(waterfall.toOperator), waterfall.dscr!, 'Statement — Pod B =SUM(A1)']) expect(text).toContain(figure);
    const period1 = await facilityStatement(finance, facilityId, 1, TODAY);
    const text1 = (await pdfText(Buffer.from(period1.pdfBase64, 'base64'))).pages.flat();
    expect(text1).toContain('700.00');
    expect(text1).toContain('wire 1');
    await expect(facilityStatement(finance, facilityId, 40, TODAY)).rejects.toThrow(/no period 40/);
  });
});
