import { ApiError } from '../../contract/errors';
import { formatIsoDate, parseIsoDate } from '../ledger/civil-date';
import type { FinanceService } from './finance-service';
import { PdfWriter, printMoney } from './pdf-layout';

/** Days are printed as stored (ISO): a lender's systems read them without ambiguity. */
const lastDayOf = (exclusiveEnd: string): string => formatIsoDate(parseIsoDate(exclusiveEnd) - 1);

async function finish(writer: PdfWriter, filename: string) {
  const bytes = await writer.bytes();
  return { filename, pdfBase64: Buffer.from(bytes).toString('base64'), pages: writer.doc.getPageCount() };
}

/**
 * The statement of one facility for one of its periods: the waterfall with DSCR, coverage at the
 * period's end with the covenant and its cures, the facility's position and the payments the
 * lender received in the period. Figures are exactly those of finance.waterfall and finance.coverage.
 */
export async function facilityStatement(service: FinanceService, facilityId: string, n: number, asOf?: string) {
  const day = asOf ?? service.todayText();
  const waterfall = service.waterfall(facilityId, day);
  const period = waterfall.periods.find((candidate) => candidate.n === n);
  if (!period) throw new ApiError('not-found', `facility ${facilityId} has no period ${n} started by ${day}`);
  const periodEnd = lastDayOf(period.end) < day ? lastDayOf(period.end) : day;
  const coverage = service.coverage(facilityId, periodEnd);
  const detail = service.facilities.get(facilityId, periodEnd);
  const journal = service.journalHead();
  const writer = await PdfWriter.create(`Statement ${waterfall.facilityName} period ${n}`, `Sietch statement · ${waterfall.facilityName} · period ${n} · journal ${journal.head}`, service.nowInstant());
  writer.heading(`Statement — ${waterfall.facilityName}`);
  writer.fields([
    ['Facility', waterfall.facilityName],
    ['Facility id', facilityId],
    ['Lender', coverage.lender],
    ['Structure', waterfall.structure],
    ['Period', `${n}: ${period.start} to ${lastDayOf(period.end)}`],
    ['As of', periodEnd],
    ['Journal entries', String(journal.length)],
    ['Journal head', journal.head],
  ]);
  writer.gap();
  writer.heading('Waterfall', 12);
  writer.table(
    [
      { title: 'Line', width: 300 },
      { title: 'Amount', width: 140, align: 'right' },
      { title: 'Note', width: 300 },
    ],
    [
      ['Revenue received', printMoney(period.revenue), 'cash applied to invoices, on this facility\'s collateral'],
      ['Power', printMoney(period.power), period.powerSource === 'node' ? 'energy from the node x tariff' : period.powerSource],
      ['Facility', printMoney(period.facility), ''],
      ['Other operating costs', printMoney(period.other), ''],
      ['Operating costs', printMoney(period.operatingCosts), ''],
      ['Net recovery cash flow', printMoney(period.netCashFlow), 'cash available for debt service; excludes depreciation'],
      ['Debt service due', printMoney(period.debtService), waterfall.structure === 'revenue-share' ? 'revenue share due for the period' : 'scheduled installment'],
      ['To the lender (first)', printMoney(period.toLender), ''],
      ['Shortfall', printMoney(period.shortfall), ''],
      ['To the operator', printMoney(period.toOperator), ''],
      ['Paid to the lender in the period', printMoney(period.paidToLender), 'payments recorded'],
      ['Depreciation (non-cash)', printMoney(period.depreciation), 'lowers collateral value, not cash flow'],
      ['DSCR', period.dscr ?? 'n/a', 'net recovery cash flow / debt service'],
    ],
    9,
  );
  writer.gap();
  writer.heading('Coverage at the period end', 12);
  const f = coverage.figures;
  writer.fields([
    ['Eligible collateral value', printMoney(f.eligibleValue)],
    ['Outstanding principal', printMoney(f.outstanding)],
    ['Coverage', f.coverage === null ? 'n/a (nothing outstanding)' : `${f.coverage}x`],
    ['Minimum coverage', f.minCoverage === null ? 'none' : `${f.minCoverage}x`],
    ['Covenant', f.minCoverage === null ? '—' : f.breached ? 'BREACHED' : 'met'],
    ['Borrowing base', printMoney(f.borrowingBase)],
    ...(f.cures ? ([['Cure: pledge more collateral', printMoney(f.cures.pledgeMore)], ['Cure: or repay', printMoney(f.cures.repay)]] as [string, string][]) : []),
  ]);
  writer.gap();
  writer.heading('Facility position', 12);
  writer.fields([
    ['Status', detail.facility.status],
    ['Outstanding principal', printMoney(detail.facility.outstandingPrincipal)],
    ['Arrears', printMoney(detail.arrears.total)],
    ['Days past due', String(detail.arrears.daysPastDue)],
  ]);
  const payments = detail.payments.filter((payment) => payment.date > period.start && payment.date <= period.end);
  if (payments.length > 0) {
    writer.gap();
    writer.heading('Payments to the lender in the period', 12);
    writer.table(
      [
        { title: 'Date', width: 100 },
        { title: 'Amount', width: 120, align: 'right' },
        { title: 'Principal', width: 120, align: 'right' },
        { title: 'Interest / return', width: 120, align: 'right' },
        { title: 'Reference', width: 200 },
      ],
      payments.map((payment) => [payment.date, printMoney(payment.amount), printMoney(payment.allocation.principal), printMoney(payment.allocation.interest + payment.allocation.return), payment.reference ?? '']),
      8,
    );
  }
  return finish(writer, `sietch-statement-${facilityId}-period-${n}.pdf`);
}

/**
 * The borrowing-base certificate of a facility on a day: every pledged asset with its appraisal,
 * depreciated value, condition, eligibility and advance, then the totals, coverage, covenant and
 * cures, and the journal head that the figures were computed from.
 */
export async function borrowingBaseCertificate(service: FinanceService, facilityId: string, asOf?: string) {
  const day = asOf ?? service.todayText();
  const coverage = service.coverage(facilityId, day);
  const journal = service.journalHead();
  const f = coverage.figures;
  const writer = await PdfWriter.create(`Borrowing-base certificate ${coverage.facilityName} ${day}`, `Sietch borrowing-base certificate · ${coverage.facilityName} · as of ${day} · journal ${journal.head}`, service.nowInstant());
  writer.heading('Borrowing-base certificate');
  writer.fields([
    ['Facility', coverage.facilityName],
    ['Facility id', facilityId],
    ['Lender', coverage.lender],
    ['As of', day],
    ['Journal entries', String(journal.length)],
    ['Journal head', journal.head],
    ['Pledged assets', String(coverage.collateral.length)],
    ['Eligible assets', String(coverage.collateral.filter((line) => line.counts).length)],
    ['Pledged value', printMoney(f.pledgedValue)],
    ['Eligible value (V)', printMoney(f.eligibleValue)],
    ['Borrowing base', printMoney(f.borrowingBase)],
    ['Outstanding (O)', printMoney(f.outstanding)],
    ['Availability', printMoney(f.availability)],
    ['Coverage (V / O)', f.coverage === null ? 'n/a' : `${f.coverage}x`],
    ['Minimum coverage', f.minCoverage === null ? 'none' : `${f.minCoverage}x`],
    ['Covenant', f.minCoverage === null ? '—' : f.breached ? 'BREACHED' : 'met'],
    ...(f.cures ? ([['Cure: pledge more collateral', printMoney(f.cures.pledgeMore)], ['Cure: or repay', printMoney(f.cures.repay)]] as [string, string][]) : []),
  ]);
  writer.gap();
  writer.heading('Collateral', 12);
  writer.table(
    [
      { title: 'Asset', width: 215 },
      { title: 'Serial', width: 85 },
      { title: 'Appraised', width: 55 },
      { title: 'Appraised value', width: 70, align: 'right' },
      { title: 'Value', width: 70, align: 'right' },
      { title: 'Condition', width: 70 },
      { title: 'Eligible', width: 35 },
      { title: 'Eligible value', width: 70, align: 'right' },
      { title: 'Advance', width: 40, align: 'right' },
      { title: 'Borrowing base', width: 68, align: 'right' },
    ],
    coverage.collateral.map((line) => [
      line.assetId,
      line.serial ?? '',
      line.appraisedOn ?? '—',
      line.appraisedValue === null ? '—' : printMoney(line.appraisedValue),
      printMoney(line.value),
      line.condition,
      line.counts ? 'yes' : 'no',
      printMoney(line.eligibleValue),
      line.advanceRatePct === null ? '—' : `${line.advanceRatePct}%`,
      printMoney(line.borrowingBase),
    ]),
  );
  writer.gap(12);
  writer.text('Values are appraisals depreciated to the as-of day (straight line or declining balance, whole months). Missing, failing, swapped, retired and');
  writer.text('unappraised assets, and assets whose health stayed unknown past the node\'s grace period, count as zero. Coverage = eligible value / outstanding principal.');
  writer.text(`The operator certifies that the assets above are pledged to ${coverage.facilityName} and that these figures were computed by Sietch from its books.`);
  return finish(writer, `sietch-borrowing-base-${facilityId}-${day}.pdf`);
}
