import { divideHalfEven, minBig, maxBig } from '../ledger/rounding';

/** What one period of a facility brought in and owed, before the waterfall runs. */
export interface WaterfallInputs {
  n: number;
  /** [start, end) calendar days as YYYY-MM-DD; end is the due date of the period's debt service. */
  start: string;
  end: string;
  /** Cash received from customers in the period, on the facility's collateral. */
  revenue: bigint;
  power: bigint;
  /** 'entered': costs recorded for the period; 'node': energy from the node × tariff; 'none'. */
  powerSource: 'entered' | 'node' | 'none';
  facility: bigint;
  other: bigint;
  /** Scheduled debt service due at the period's end (fixed rate), or the revenue share due (paid first). */
  debtService: bigint;
  /** What was actually paid to the lender in the period (for reconciliation). */
  paidToLender: bigint;
  /** Collateral value lost in the period: not cash, shown and excluded. */
  depreciation: bigint;
}

export interface WaterfallPeriod extends WaterfallInputs {
  operatingCosts: bigint;
  /** Net recovery cash flow = cash available for debt service: revenue − operating costs (no depreciation). */
  netCashFlow: bigint;
  /** The lender is paid first, up to the debt service, out of the net cash flow. */
  toLender: bigint;
  /** Debt service the period's cash could not cover. */
  shortfall: bigint;
  /** What is left for the operator (negative when costs exceed revenue). */
  toOperator: bigint;
  /** Net cash flow ÷ debt service to 2 decimals (half-even), null with no debt service. */
  dscr: string | null;
}

/** DSCR as a decimal string with 2 decimals, half-even; null when nothing is due. */
export function formatDscr(netCashFlow: bigint, debtService: bigint): string | null {
  if (debtService <= 0n) return null;
  const hundredths = divideHalfEven(netCashFlow * 100n, debtService);
  const negative = hundredths < 0n;
  const magnitude = negative ? -hundredths : hundredths;
  return `${negative ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}

/**
 * One period's waterfall: revenue received → operating costs (power, facility, other) → the
 * lender (scheduled debt service, or the revenue share, first) → the operator. Depreciation is
 * not cash: it lowers the collateral value, never the cash flow.
 */
export function runWaterfall(inputs: WaterfallInputs): WaterfallPeriod {
  const operatingCosts = inputs.power + inputs.facility + inputs.other;
  const netCashFlow = inputs.revenue - operatingCosts;
  const toLender = minBig(maxBig(netCashFlow, 0n), inputs.debtService);
  return {
    ...inputs,
    operatingCosts,
    netCashFlow,
    toLender,
    shortfall: inputs.debtService - toLender,
    toOperator: netCashFlow - toLender,
    dscr: formatDscr(netCashFlow, inputs.debtService),
  };
}
