import { describe, expect, it } from 'vitest';
import { addMonthsClamped, formatIsoDate, parseIsoDate } from '../../electron/core/ledger/civil-date';
import { openFinanceBooks, sightGpu, units } from '../support/finance-books';
import { useTempDirs } from '../support/temp-dir';

// The lender's scenario, end to end on a real SQLite file, checked against a hand calculation.
//
// 8 H100s appraised at 30,000.00 each on 2026-03-01 (straight line over 60 months to 5,000.00,
// advance rate 75 %) secure a revenue-share facility of 75 % of their value: 180,000.00, 60 % of
// revenue until 1.25× (target 225,000.00), 36 months, minimum coverage 1.3×.
// A 3-year lease bills Acme AI 8 × 2,000.00 = 16,000.00 a month, issued on the 1st for the month
// before, due 20 days later. Acme pays on the due date, except invoice 5 (20 days late) and invoice
// 9 (45 days late). GPU 8 goes missing on 2026-04-10 and never comes back; on 2026-05-05 the
// operator pledges a replacement (GPU 9, appraised at 30,000.00). Each month is closed; the lender
// is paid the period's revenue share on its due date. Operating costs: power 1,500.00 and
// colocation 1,000.00 a month. 18 months of invoices; "today" is 2027-09-15.
//
// Hand calculation
//   depreciation per GPU after m whole months: 30,000 − round½even(25,000 × m / 60)
//     m=1: 29,583.33 · m=2: 29,166.67 · m=18: 22,500.00 · GPU 9 on 2027-09-15 (m=16): 23,333.33
//   facility period n = [2026-03-01 + (n−1) months, + n months); revenue = cash received in it
//   due(n) = 60 % × revenue(n) (no minimum): 16,000 → 9,600.00 ; 32,000 → 19,200.00 ; 0 → 0
//   cash by period: invoice k (issued 1st of month k+1 of the lease, due the 21st) is paid in
//     period k+1, except invoice 5 (paid 2026-09-10, period 7) and invoice 9 (2027-02-04, period 12):
//     periods 1, 6 and 10 receive nothing; 7 and 12 receive two invoices.
//   waterfall: costs 2,500.00; net cash flow = revenue − 2,500; to lender = min(max(NCF, 0), due)
//     16,000: NCF 13,500.00, lender 9,600.00, operator 3,900.00, DSCR 13,500/9,600 = 1.40625 → 1.41
//     32,000: NCF 29,500.00, lender 19,200.00, operator 10,300.00, DSCR 1.536458… → 1.54
//     0: NCF −2,500.00, nothing due, DSCR none
//   outstanding = 180,000 − round½even(paid × 180,000 / 225,000) = 180,000 − 0.8 × paid
//     paid by 2027-09-15: 15 × 9,600 + 19,200 = 163,200.00 → recovered 130,560.00 → O = 49,440.00
//   coverage on 2026-04-30: V = 7 × 29,583.33 = 207,083.31 (GPU 8 missing counts 0), O = 180,000.00
//     V/O = 1.1504… < 1.3: breach. Cures: pledge 1.3 × 180,000 − 207,083.31 = 26,916.69,
//     or repay 180,000 − 207,083.31 / 1.3 = 20,705.146… → 20,705.15 (rounded up to the cent)
//   coverage on 2026-05-31: V = 7 × 29,166.67 + 30,000.00 (GPU 9, no whole month yet) = 234,166.69,
//     O = 180,000 − 0.8 × 9,600 = 172,320.00 → 1.3589: restored
//   coverage on 2027-09-15: V = 7 × 22,500.00 + 23,333.33 = 180,833.33, O = 49,440.00 → 3.6576
//     borrowing base = 7 × 16,875.00 + round½even(23,333.33 × 0.75 = 17,499.9975) 17,500.00 = 135,625.00
//   arrears on 2027-01-31: invoice 9 (due 2026-12-21) open 16,000.00, 41 days past due → 30–59 bucket,
//     and an invoice-overdue alert (≥ 30 days) at that month's close; invoice 5 was never 30 days late.

const tempDir = useTempDirs();
const TODAY = '2027-09-15';
const LEASE_START = '2026-03-01';
const month = (k: number): string => formatIsoDate(addMonthsClamped(parseIsoDate(LEASE_START), k)).slice(0, 7);
const addDays = (day: string, days: number): string => formatIsoDate(parseIsoDate(day) + days);

describe('the financed-H100 scenario (hand calculation)', () => {
  it('computes coverage, cures, waterfall, DSCR, arrears and alerts to the cent', () => {
    const books = openFinanceBooks(tempDir(), TODAY);
    const { finance, register, journal } = books;
    const gpus = Array.from({ length: 8 }, (_, i) => sightGpu(register, i + 1, new Date('2026-02-20T00:00:00Z')));
    for (const assetId of gpus) finance.appraise({ assetId, appraisedOn: LEASE_START, value: units('30000'), method: 'straight-line', lifeMonths: 60, residualValue: units('5000'), annualRatePct: null, advanceRatePct: '75' });
    const facility = finance.facilities.create({ name: 'H100 pod A', lender: 'Northwind Credit', notes: null, terms: { structure: 'revenue-share', principal: units('180000'), startDate: LEASE_START, sharePct: '60', targetMultiple: '1.25', tailSharePct: '0', minimumPayment: 0n, termMonths: 36, atTermCap: 'due', graceDays: 5, defaultAfterDays: 90 } });
    const facilityId = facility.facility.id;
    finance.pledge({ facilityId, assetIds: gpus, date: LEASE_START });
    finance.setCovenant({ facilityId, minCoverage: '1.3' });
    finance.createContract({ id: 'LEASE-001', customer: 'Acme AI', kind: 'compute-lease', billingUnit: 'gpu-month', unitPrice: units('2000'), startDate: LEASE_START, termMonths: 36, paymentTermsDays: 20, assetIds: gpus, notes: null });

    // Acme's payments: invoice k is issued on the 1st of lease month k+1 and due on the 21st.
    const payments = Array.from({ length: 18 }, (_, index) => {
      const k = index + 1;
      const due = `${month(k)}-21`;
      return { invoiceId: `LEASE-001-${String(k).padStart(3, '0')}`, date: addDays(due, k === 5 ? 20 : k === 9 ? 45 : 0) };
    }).filter((payment) => payment.date <= TODAY);
    const closes = [];
    for (let k = 0; k < 18; k += 1) {
      const current = month(k);
      if (current === '2026-04') register.recordMisses([gpus[7]!], 1, new Date('2026-04-10T06:00:00Z'));
      if (current === '2026-05') {
        const replacement = sightGpu(register, 9, new Date('2026-05-05T08:00:00Z'));
        finance.appraise({ assetId: replacement, appraisedOn: '2026-05-05', value: units('30000'), method: 'straight-line', lifeMonths: 60, residualValue: units('5000'), annualRatePct: null, advanceRatePct: '75' });
        finance.pledge({ facilityId, assetIds: [replacement], date: '2026-05-05' });
      }
      for (const payment of payments.filter((candidate) => candidate.date.startsWith(current))) finance.recordPayment({ customer: 'Acme AI', date: payment.date, amount: units('16000'), invoiceId: payment.invoiceId, reference: `wire ${payment.invoiceId}` });
      finance.recordCost({ facilityId, date: `${current}-15`, category: 'power', amount: units('1500'), note: null });
      finance.recordCost({ facilityId, date: `${current}-15`, category: 'facility', amount: units('1000'), note: 'colocation' });
      closes.push(finance.closePeriod(current));
      // The lender is paid the period's revenue share on its due date (the 1st of the next month).
      const detail = finance.facilities.get(facilityId, TODAY);
      const period = detail.schedule.structure === 'revenue-share' ? detail.schedule.periods[k]! : undefined;
      if (period && period.due > 0n) finance.facilities.recordPayment({ facilityId, date: period.dueDate, amount: period.due, kind: 'regular', reference: null, note: null });
    }

    // Invoices: 18 issued, 16,000.00 each; the revenue of each split equally (the node did not run).
    const invoices = finance.listInvoices({ asOf: TODAY });
    expect(invoices.invoices).toHaveLength(18);
    expect(invoices.invoices.every((invoice) => invoice.amount === units('16000') && invoice.basis === 'equal')).toBe(true);
    expect(invoices.invoices.find((invoice) => invoice.id === 'LEASE-001-005')).toMatchObject({ state: 'paid-late', daysPastDue: 20, settledOn: '2026-09-10' });
    expect(invoices.invoices.find((invoice) => invoice.id === 'LEASE-001-009')).toMatchObject({ state: 'paid-late', daysPastDue: 45, settledOn: '2027-02-04' });
    expect(invoices.aging).toEqual({ current: units('16000'), '1-29': 0n, '30-59': 0n, '60-89': 0n, '90+': 0n, total: units('16000') });

    // Arrears on the way: 2026-08-31 (invoice 5, 10 days) and 2027-01-31 (invoice 9, 41 days).
    expect(finance.listInvoices({ asOf: '2026-08-31' }).aging).toMatchObject({ '1-29': units('16000'), total: units('16000') });
    const january = finance.listInvoices({ asOf: '2027-01-31' });
    expect(january.aging).toMatchObject({ current: 0n, '30-59': units('16000'), total: units('16000') });
    expect(january.invoices.find((invoice) => invoice.id === 'LEASE-001-009')).toMatchObject({ state: 'overdue', daysPastDue: 41, bucket: '30-59', open: units('16000') });

    // Payment history and concentration today.
    const receivables = finance.receivablesView(TODAY);
    expect(receivables.customers).toEqual([
      expect.objectContaining({ customer: 'Acme AI', invoices: 18, paidOnTime: 15, paidLate: 2, overdue: 0, averageDaysLate: '32.5', maxDaysPastDue: 45, invoiced: units('288000'), collected: units('272000'), open: units('16000'), lastPaymentOn: '2027-08-21' }),
    ]);
    expect(receivables.concentration).toMatchObject({ topShareBps: 10_000, hhi: 10_000, total: units('192000') }); // the last 12 months' invoices

    // Coverage, breach and cures on 2026-04-30; restored on 2026-05-31; today.
    const april = finance.coverage(facilityId, '2026-04-30');
    expect(april.figures).toMatchObject({ eligibleValue: units('207083.31'), outstanding: units('180000'), coverage: '1.1504', coverageBps: 11_504, breached: true, cures: { pledgeMore: units('26916.69'), repay: units('20705.15') } });
    expect(april.collateral.find((line) => line.assetId === gpus[7])).toMatchObject({ condition: 'missing', counts: false, value: units('29583.33'), eligibleValue: 0n });
    expect(finance.coverage(facilityId, '2026-05-31').figures).toMatchObject({ eligibleValue: units('234166.69'), outstanding: units('172320'), coverage: '1.3589', breached: false, cures: null });
    const today = finance.coverage(facilityId, TODAY);
    expect(today.figures).toMatchObject({ eligibleValue: units('180833.33'), pledgedValue: units('203333.33'), outstanding: units('49440'), coverage: '3.6576', coverageBps: 36_576, borrowingBase: units('135625'), availability: units('86185'), breached: false });
    expect(today.history.map((point) => [point.date, point.coverageBps])).toEqual([
      ['2026-03-31', 13_333], ['2026-04-30', 11_504], ['2026-05-31', 13_589], ['2026-06-30', 14_020], ['2026-07-31', 14_494], ['2026-08-31', 15_016],
      ['2026-09-30', 14_793], ['2026-10-31', 16_241], ['2026-11-30', 16_965], ['2026-12-31', 17_782], ['2027-01-31', 17_501], ['2027-02-28', 18_413],
      ['2027-03-31', 21_025], ['2027-04-30', 22_484], ['2027-05-31', 24_222], ['2027-06-30', 26_329], ['2027-07-31', 28_935], ['2027-08-31', 32_242], [TODAY, 36_576],
    ]);

    // The waterfall of every period, and DSCR.
    const waterfall = finance.waterfall(facilityId, TODAY);
    expect(waterfall.periods).toHaveLength(19); // period 19 (September 2027) has started
    const revenueByPeriod = [0, 16, 16, 16, 16, 0, 32, 16, 16, 0, 16, 32, 16, 16, 16, 16, 16, 16];
    revenueByPeriod.forEach((thousands, index) => {
      const period = waterfall.periods[index]!;
      const revenue = units(String(thousands * 1000));
      const net = revenue - units('2500');
      const due = (revenue * 60n) / 100n;
      expect(period, `period ${index + 1}`).toMatchObject({ n: index + 1, revenue, power: units('1500'), powerSource: 'entered', facility: units('1000'), other: 0n, operatingCosts: units('2500'), netCashFlow: net, debtService: due, toLender: due, shortfall: 0n, toOperator: net - due, paidToLender: due, dscr: thousands === 16 ? '1.41' : thousands === 32 ? '1.54' : null });
    });
    expect(waterfall.periods[0]!.depreciation).toBe(units('3333.36')); // 8 × 416.67, not cash
    expect(waterfall.periods[1]!.depreciation).toBe(units('3333.28')); // 8 × (29,583.33 − 29,166.67)

    // Revenue-share revenue was recorded by the closes from the cash on the collateral; the lender's position.
    const position = finance.facilities.get(facilityId, TODAY);
    expect(position.schedule.structure === 'revenue-share' && position.schedule.periods.slice(0, 18).map((period) => period.revenue)).toEqual(revenueByPeriod.map((thousands) => units(String(thousands * 1000))));
    expect(position.schedule.structure === 'revenue-share' && position.schedule.position).toMatchObject({ paid: units('163200'), principalRecovered: units('130560'), outstandingPrincipal: units('49440') });
    expect(position.arrears.total).toBe(0n);

    // Alerts: the exclusion and the breach (April), the cure (May), invoice 9 (January 2027) — each once.
    expect(books.alerts.map((alert) => [alert.kind, alert.asOf, alert.subject])).toEqual([
      ['collateral-excluded', '2026-04-30', gpus[7]],
      ['coverage-breach', '2026-04-30', facilityId],
      ['coverage-restored', '2026-05-31', facilityId],
      ['invoice-overdue', '2027-01-31', 'LEASE-001-009'],
    ]);
    expect(books.alerts[1]!.figures).toMatchObject({ coverage: '1.1504', minCoverage: '1.3', pledgeMore: units('26916.69').toString(), repay: units('20705.15').toString() });
    expect(books.alerts[1]!.message).toBe('H100 pod A: coverage 1.1504× is below the 1.3× covenant — pledge 26,916.69 more collateral, or repay 20,705.15');
    expect(books.alerts[3]!.figures).toMatchObject({ daysPastDue: 41, open: units('16000').toString() });
    expect(finance.alerts().map((alert) => alert.kind)).toEqual(['invoice-overdue', 'coverage-restored', 'coverage-breach', 'collateral-excluded']);
    expect(closes[1]!.facilities[0]).toMatchObject({ coverage: '1.1504', breached: true, dscr: '1.41' });

    // Eligibility summary on the last day.
    const eligibility = finance.eligibility(TODAY);
    expect(eligibility).toMatchObject({ activeContracts: 1, weightedRemainingMonths: '18.0', backlog: units('288000'), arrears30: 0n });
    expect(eligibility.contracts[0]).toMatchObject({ id: 'LEASE-001', remainingMonths: 18, endDate: '2029-03-01', monthlyAmount: units('16000') });
    expect(eligibility.facilities[0]).toMatchObject({ pledgedAssets: 9, countingAssets: 8, uptimeBps: null });
    expect(eligibility.facilities[0]!.trend.map((point) => point.coverageBps)).toEqual([22_484, 24_222, 26_329, 28_935, 32_242, 36_576]); // the last 5 month-ends and today

    // The journal holds every step and still verifies.
    expect(journal.verify().ok).toBe(true);
    const kinds = new Set(journal.list(0, 500).map((entry) => entry.kind));
    for (const kind of ['contract.created', 'invoice.issued', 'customer.payment-received', 'collateral.appraised', 'collateral.pledged', 'facility.covenant-set', 'facility.cost-recorded', 'facility.revenue-recorded', 'alert.coverage-breach', 'period.closed']) expect(kinds).toContain(kind);
  });
});
