import { bench, describe } from 'vitest';
import type { ScheduleTerms } from '../../electron/contract/schemas/facilities';
import { parsePercent } from '../../electron/core/ledger/rational';
import { generateSchedule, parseScheduleTerms } from '../../electron/core/ledger/schedule';

// Schedules for 10,000 facilities: ours (terms checked, due dates clamped to month ends, the
// day-count fraction of every period, exact rationals, half-even per line, line objects) against
// a bare baseline — the same level payment and per-line half-even rounding in a plain bigint
// loop, at the nominal period rate, with no dates, day counts or objects. The ratio is the
// price of the calendar and of the line records.
const smoke = process.env.SIETCH_BENCH_SMOKE === '1';
const options = smoke ? { time: 100, iterations: 2, warmupIterations: 0 } : { time: 5000, warmupIterations: 2 };
const FACILITIES = smoke ? 200 : 10_000;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

const next = random(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
const portfolio: ScheduleTerms[] = Array.from({ length: FACILITIES }, () => ({
  principal: BigInt(Math.floor(10_000 + next() * 5_000_000)) * 1_000_000n,
  annualRatePct: pick(['6.5', '8', '9.75', '11', '12.5', '14.25']),
  periods: pick([12, 24, 36, 48, 60, 120]),
  frequency: next() < 0.85 ? 'monthly' : 'quarterly',
  amortization: next() < 0.7 ? 'annuity' : pick(['equal-principal', 'interest-only', 'bullet'] as const),
  balloon: 0n,
  startDate: `202${Math.floor(next() * 6)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
  firstDueDate: null,
  dayCount: pick(['30/360', 'ACT/360', 'ACT/365F', 'ACT/ACT'] as const),
}));

/** The bare loop: exact annuity payment, then balance × i rounded half-even per line, summed into a checksum. */
function bareAnnuity(terms: ScheduleTerms): bigint {
  const annual = parsePercent(terms.annualRatePct);
  const months = terms.frequency === 'monthly' ? 1n : 3n;
  const a = annual.num * months;
  const b = annual.den * 12n;
  const n = BigInt(terms.periods);
  const growth = (a + b) ** n;
  const base = b ** n;
  const cent = 10_000n;
  const half = (num: bigint, den: bigint) => {
    const q = num / den;
    const twice = 2n * (num % den);
    return twice > den || (twice === den && q % 2n === 1n) ? q + 1n : q;
  };
  const payment = half(terms.principal * growth * a, b * (growth - base) * cent) * cent;
  let balance = terms.principal;
  let checksum = 0n;
  for (let k = 1n; k <= n; k += 1n) {
    const interest = half(balance * a, b * cent) * cent;
    const principal = k === n ? balance : payment - interest;
    balance -= principal;
    checksum += interest;
  }
  return checksum;
}

describe(`repayment schedules for ${FACILITIES.toLocaleString('en')} facilities`, () => {
  bench('bare bigint annuity loop (baseline)', () => {
    let checksum = 0n;
    for (const terms of portfolio) checksum += bareAnnuity(terms);
    if (checksum < 0n) throw new Error('unreachable');
  }, options);

  bench('Sietch generateSchedule (dates, day counts, line records)', () => {
    let lines = 0;
    for (const terms of portfolio) lines += generateSchedule(parseScheduleTerms(terms)).lines.length;
    if (lines === 0) throw new Error('no lines');
  }, options);
});
