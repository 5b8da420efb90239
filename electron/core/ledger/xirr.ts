/**
 * XIRR: the annual rate r at which Σ amountᵢ / (1 + r)^((dateᵢ − date₀) / 365) = 0, date₀ being
 * the first flow's date (as spreadsheets define it). This is the one place the ledger uses
 * floating point: on the rate only, never on an amount that is stored or paid. Newton's method
 * from 10 %, and where it fails, a scan for a sign change followed by bisection.
 */
export interface Flow {
  /** Day number (days since 1970-01-01). */
  day: number;
  /** Micro-units; converted to a float only inside the rate search. */
  amount: bigint;
}

export type XirrResult = { ok: true; rate: number } | { ok: false; reason: string };

const LOWEST_RATE = -0.999999999;
const HIGHEST_RATE = 1e6;

function presentValue(flows: readonly { t: number; v: number }[], rate: number): number {
  let sum = 0;
  for (const { t, v } of flows) sum += v / Math.pow(1 + rate, t);
  return sum;
}

function derivative(flows: readonly { t: number; v: number }[], rate: number): number {
  let sum = 0;
  for (const { t, v } of flows) sum -= (t * v) / Math.pow(1 + rate, t + 1);
  return sum;
}

function newton(flows: readonly { t: number; v: number }[], guess: number): number | null {
  let rate = guess;
  for (let iteration = 0; iteration < 100; iteration += 1) {
    const value = presentValue(flows, rate);
    const slope = derivative(flows, rate);
    if (!Number.isFinite(value) || !Number.isFinite(slope) || slope === 0) return null;
    const next = rate - value / slope;
    if (!Number.isFinite(next) || next <= -1) return null;
    if (Math.abs(next - rate) <= 1e-15 * Math.max(1, Math.abs(next))) return next;
    rate = next;
  }
  return Math.abs(presentValue(flows, rate)) < 1e-7 ? rate : null;
}

function bisect(flows: readonly { t: number; v: number }[]): number | null {
  // Scan from −99.9999999 % upward on a geometric grid of 1 + r for the first sign change.
  let low = LOWEST_RATE;
  let lowValue = presentValue(flows, low);
  for (let step = 1; step <= 400; step += 1) {
    const high = Math.min(HIGHEST_RATE, -1 + (1 + LOWEST_RATE) * Math.pow(HIGHEST_RATE / (1 + LOWEST_RATE), step / 400));
    const highValue = presentValue(flows, high);
    if (Number.isFinite(lowValue) && Number.isFinite(highValue) && Math.sign(lowValue) !== Math.sign(highValue)) {
      let a = low;
      let b = high;
      let valueA = lowValue;
      for (let iteration = 0; iteration < 200 && b - a > 1e-16 * Math.max(1, Math.abs(a)); iteration += 1) {
        const middle = (a + b) / 2;
        const valueMiddle = presentValue(flows, middle);
        if (valueMiddle === 0) return middle;
        if (Math.sign(valueMiddle) === Math.sign(valueA)) [a, valueA] = [middle, valueMiddle];
        else b = middle;
      }
      return (a + b) / 2;
    }
    low = high;
    lowValue = highValue;
  }
  return null;
}

export function xirr(flows: readonly Flow[]): XirrResult {
  if (flows.length < 2) return { ok: false, reason: 'XIRR needs at least two cash flows' };
  if (!flows.some((flow) => flow.amount < 0n) || !flows.some((flow) => flow.amount > 0n)) return { ok: false, reason: 'XIRR needs at least one negative (outflow) and one positive (inflow) amount' };
  const first = flows[0]!.day;
  if (flows.some((flow) => flow.day < first)) return { ok: false, reason: 'the first cash flow must be the earliest: XIRR counts time from its date' };
  // Amounts scaled to whole units keep the sums in a comfortable floating-point range.
  const points = flows.map((flow) => ({ t: (flow.day - first) / 365, v: Number(flow.amount) / 1e6 }));
  const rate = newton(points, 0.1) ?? bisect(points);
  if (rate === null || !Number.isFinite(rate)) return { ok: false, reason: 'no XIRR: no rate between -99.9999999 % and 100,000,000 % sets the net present value of these flows to zero' };
  return { ok: true, rate };
}

/** The rate as a decimal string with 10 decimals ("0.1318224386"), never "-0.0000000000". */
export function formatRate(rate: number): string {
  const text = rate.toFixed(10);
  return /^-0\.0+$/.test(text) ? text.slice(1) : text;
}
