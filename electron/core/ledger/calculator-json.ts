import type { RevenueSharePreview, SchedulePreview } from '../../contract/schemas/facilities';
import { roundToCent } from './rounding';

/**
 * The documents the `sietch ledger` calculators print with --json. Amounts are decimal strings
 * with exactly 2 decimals (rounded half-even to the cent where a series carried more digits).
 */
export function formatCents(micro: bigint): string {
  const cents = roundToCent(micro) / 10_000n;
  const negative = cents < 0n;
  const magnitude = negative ? -cents : cents;
  return `${negative ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}

export interface ScheduleJson {
  installments: { n: number; dueDate: string; payment: string; interest: string; principal: string; balance: string }[];
  totals: { payment: string; interest: string; principal: string };
}

/** `sietch ledger schedule --json`: exactly this shape, keys in this order. */
export function toScheduleJson(preview: SchedulePreview): ScheduleJson {
  return {
    installments: preview.installments.map((line) => ({ n: line.n, dueDate: line.dueDate, payment: formatCents(line.payment), interest: formatCents(line.interest), principal: formatCents(line.principal), balance: formatCents(line.balance) })),
    totals: { payment: formatCents(preview.totals.payment), interest: formatCents(preview.totals.interest), principal: formatCents(preview.totals.principal) },
  };
}

export interface RevenueShareJson {
  mode: 'projection' | 'replay';
  startDate: string;
  target: string;
  periods: {
    n: number;
    kind: 'period' | 'term-cap';
    dueDate: string;
    revenue: string | null;
    phase: 'recovery' | 'tail';
    share: string;
    due: string;
    carriedIn: string;
    payment: string;
    principal: string;
    return: string;
    owed: string;
    forgiven: string;
    status: string;
  }[];
  totals: { revenue: string; payment: string; principal: string; return: string };
  position: { paid: string; principalRecovered: string; returnReceived: string; outstandingPrincipal: string; remainingTarget: string; targetReachedOn: string | null; forgiven: { principal: string; return: string } | null };
  lenderXirr: string | null;
}

/**
 * `sietch ledger revenue-share --json`. Per period: what fell due (share, due, carried in from
 * earlier periods), the payment received on its due date split into principal and return, and
 * what is still owed on it.
 */
export function toRevenueShareJson(startDate: string, result: RevenueSharePreview): RevenueShareJson {
  const payments = new Map<string, { amount: bigint; principal: bigint; return: bigint }>();
  for (const payment of result.payments) {
    const same = payments.get(payment.date) ?? { amount: 0n, principal: 0n, return: 0n };
    payments.set(payment.date, { amount: same.amount + payment.amount, principal: same.principal + payment.principal, return: same.return + payment.return });
  }
  const usedDates = new Set<string>();
  const periods = result.periods.map((period) => {
    // A date's payment is shown once, on the first line due that day (a term cap shares its date).
    const payment = usedDates.has(period.dueDate) ? undefined : payments.get(period.dueDate);
    usedDates.add(period.dueDate);
    return {
      n: period.n,
      kind: period.kind,
      dueDate: period.dueDate,
      revenue: period.revenue === null ? null : formatCents(period.revenue),
      phase: period.phase,
      share: formatCents(period.share),
      due: formatCents(period.due),
      carriedIn: formatCents(period.carriedIn),
      payment: formatCents(payment?.amount ?? 0n),
      principal: formatCents(payment?.principal ?? 0n),
      return: formatCents(payment?.return ?? 0n),
      owed: formatCents(period.owed),
      forgiven: formatCents(period.forgiven),
      status: period.status,
    };
  });
  const sum = (pick: (period: RevenueSharePreview['periods'][number]) => bigint | null) => result.periods.reduce((total, period) => total + (pick(period) ?? 0n), 0n);
  const paymentTotals = [...payments.values()].reduce((total, payment) => ({ amount: total.amount + payment.amount, principal: total.principal + payment.principal, return: total.return + payment.return }), { amount: 0n, principal: 0n, return: 0n });
  const { position } = result;
  return {
    mode: result.mode,
    startDate,
    target: formatCents(position.target),
    periods,
    totals: { revenue: formatCents(sum((period) => period.revenue)), payment: formatCents(paymentTotals.amount), principal: formatCents(paymentTotals.principal), return: formatCents(paymentTotals.return) },
    position: {
      paid: formatCents(position.paid),
      principalRecovered: formatCents(position.principalRecovered),
      returnReceived: formatCents(position.returnReceived),
      outstandingPrincipal: formatCents(position.outstandingPrincipal),
      remainingTarget: formatCents(position.remainingTarget),
      targetReachedOn: position.targetReachedOn,
      forgiven: position.forgiven === null ? null : { principal: formatCents(position.forgiven.principal), return: formatCents(position.forgiven.return) },
    },
    lenderXirr: result.lenderXirr,
  };
}
