import { cell, dateFormula, halfEvenDivide } from './spreadsheet';

/** One schedule to check, as an analyst would type it on the command line. */
export interface ScheduleScenario {
  principal: string;
  rate: string;
  periods: number;
  frequency: 'monthly' | 'quarterly';
  type: 'annuity' | 'equal-principal' | 'interest-only' | 'bullet';
  balloon?: string;
  start: string;
  firstDue?: string;
  dayCount: '30/360' | 'ACT/360' | 'ACT/365F' | 'ACT/ACT';
}

export interface OracleLine {
  n: number;
  dueDate: string;
  payment: bigint;
  interest: bigint;
  principal: bigint;
  balance: bigint;
}

export function cliArgs(scenario: ScheduleScenario): string[] {
  return [
    'ledger', 'schedule', '--json',
    '--principal', scenario.principal,
    '--rate', scenario.rate,
    '--periods', String(scenario.periods),
    '--frequency', scenario.frequency,
    '--type', scenario.type,
    ...(scenario.balloon ? ['--balloon', scenario.balloon] : []),
    '--start', scenario.start,
    ...(scenario.firstDue ? ['--first-due', scenario.firstDue] : []),
    '--day-count', scenario.dayCount,
  ];
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** "12.5" (percent) -> [1n, 8n]: the annual rate as a reduced fraction, for exact integer cells. */
export function rateFraction(percent: string): [bigint, bigint] {
  const [whole, fraction = ''] = percent.split('.');
  const num = BigInt(whole! + fraction);
  const den = 100n * 10n ** BigInt(fraction.length);
  const divisor = num === 0n ? den : gcd(num, den);
  return [num / divisor, den / divisor];
}

/** "1234.5" -> 123450n cents. */
export function toCents(units: string): bigint {
  const [whole, fraction = ''] = units.split('.');
  return BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** The day-count fraction of the period C..B of row r as [numerator, denominator] formulas, integers only. */
function yearFractionCells(dayCount: ScheduleScenario['dayCount'], row: number): [string, string] {
  const due = cell(1, row);
  const previous = cell(2, row);
  switch (dayCount) {
    case '30/360':
      return [`DAYS360(${previous},${due},FALSE)`, '360'];
    case 'ACT/360':
      return [`${due}-${previous}`, '360'];
    case 'ACT/365F':
      return [`${due}-${previous}`, '365'];
    case 'ACT/ACT': {
      // ISDA: days in each calendar year over that year's length, as one fraction over L1·L2.
      const y1 = `YEAR(${previous})`;
      const y2 = `YEAR(${due})`;
      const length1 = `(DATE(${y1}+1,1,1)-DATE(${y1},1,1))`;
      const length2 = `(DATE(${y2}+1,1,1)-DATE(${y2},1,1))`;
      const numerator = `IF(${y1}=${y2},${due}-${previous},(DATE(${y1}+1,1,1)-${previous})*${length2}+(${y2}-${y1}-1)*${length1}*${length2}+(${due}-DATE(${y2},1,1))*${length1})`;
      const denominator = `IF(${y1}=${y2},${length1},${length1}*${length2})`;
      return [numerator, denominator];
    }
  }
}

/**
 * Largest integer numerator the sheet will form (balance × rate numerator × day-count numerator):
 * it must stay below 2^53 for the spreadsheet's doubles to be exact.
 */
export function worstNumerator(scenario: ScheduleScenario): bigint {
  const [rateNum] = rateFraction(scenario.rate);
  const months = (scenario.frequency === 'monthly' ? 1 : 3) * (scenario.type === 'bullet' ? scenario.periods + 2 : 2);
  const days = BigInt(Math.ceil(months * 31 * 1.05));
  return (toCents(scenario.principal) * 11n) / 10n * (rateNum === 0n ? 1n : rateNum) * days * (scenario.dayCount === 'ACT/ACT' ? 366n : 1n);
}

/**
 * The rows of one scenario's oracle sheet, starting at `firstRow`. A parameter row, then one row
 * per installment, each computed from the one above as a person would in a spreadsheet:
 * due date (EDATE: same day of month, clamped), the period's day-count fraction, interest =
 * half-even(balance × rate × fraction) in whole cents, principal by the type, new balance; the
 * last row takes the whole balance. The level payment is PMT() rounded half-even to the cent
 * (exact integer division when the rate is 0); equal principal is half-even((P − balloon) / n).
 */
export function scheduleSheet(scenario: ScheduleScenario, firstRow: number, label: string): string[][] {
  if (worstNumerator(scenario) >= 2n ** 53n) throw new Error(`${label}: too large for exact spreadsheet integers; use a smaller principal or rate`);
  const h = firstRow;
  const [rateNum, rateDen] = rateFraction(scenario.rate);
  const months = scenario.frequency === 'monthly' ? 1 : 3;
  const p = (column: number) => `$${cell(column, h).replace(/\d+$/, '')}$${h}`;
  const [P, RN, RD, N, M, B, START, FIRST, LEVEL] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(p) as [string, string, string, string, string, string, string, string, string];
  let level = '0';
  if (scenario.type === 'annuity') {
    const cents = `PMT(${RN}/${RD}*${M}/12,${N},-${P},${B})`;
    level = rateNum === 0n ? halfEvenDivide(`${P}-${B}`, N) : `IF(ABS(${cents}-INT(${cents})-0.5)<1E-7,INT(${cents})+IF(ISODD(INT(${cents})),1,0),ROUND(${cents},0))`;
  } else if (scenario.type === 'equal-principal') {
    level = halfEvenDivide(`${P}-${B}`, N);
  }
  const rows: string[][] = [[label, String(toCents(scenario.principal)), String(rateNum), String(rateDen), String(scenario.periods), String(months), String(scenario.balloon ? toCents(scenario.balloon) : 0n), `=${dateFormula(scenario.start)}`, scenario.firstDue ? `=${dateFormula(scenario.firstDue)}` : '', `=${level}`]];
  const count = scenario.type === 'bullet' ? 1 : scenario.periods;
  for (let k = 1; k <= count; k += 1) {
    const r = h + k;
    const last = k === count;
    const periodIndex = scenario.type === 'bullet' ? scenario.periods : k;
    const due = scenario.firstDue ? `EDATE(${FIRST},${periodIndex - 1}*${M})` : `EDATE(${START},${periodIndex}*${M})`;
    const [fractionNum, fractionDen] = yearFractionCells(scenario.dayCount, r);
    const opening = k === 1 ? P : cell(8, r - 1);
    const principal = last ? cell(5, r) : scenario.type === 'annuity' ? `${LEVEL}-${cell(6, r)}` : scenario.type === 'equal-principal' ? LEVEL : '0';
    rows.push([
      String(k),
      `=${due}`,
      k === 1 ? `=${START}` : `=${cell(1, r - 1)}`,
      `=${fractionNum}`,
      `=${fractionDen}`,
      `=${opening}`,
      `=${halfEvenDivide(`${cell(5, r)}*${RN}*${cell(3, r)}`, `${RD}*${cell(4, r)}`)}`,
      `=${principal}`,
      `=${cell(5, r)}-${cell(7, r)}`,
      `=${cell(6, r)}+${cell(7, r)}`,
      `=TEXT(${cell(1, r)},"yyyy-mm-dd")`,
    ]);
  }
  return rows;
}

/** Reads back the installments of a scenario from the evaluated sheet (amounts in micro-units). */
export function readScheduleSheet(values: readonly string[][], firstRow: number, count: number): OracleLine[] {
  const micro = (text: string) => {
    if (!/^-?\d+$/.test(text)) throw new Error(`the oracle produced "${text}" where an integer number of cents was expected`);
    return BigInt(text) * 10_000n;
  };
  return Array.from({ length: count }, (_, index) => {
    const row = values[firstRow + index]!; // values is 0-based: the parameter row is firstRow - 1
    return { n: Number(row[0]), dueDate: row[10]!, interest: micro(row[6]!), principal: micro(row[7]!), balance: micro(row[8]!), payment: micro(row[9]!) };
  });
}
