import type { Arrears, FacilityStatus, RevenuePeriodView, RevenueSharePosition } from '../../contract/schemas/facilities';
import { formatIsoDate, type Day } from './civil-date';
import { inReplayOrder, type Allocation, type PaymentEvent } from './payments';
import { computeDues, principalRecovered, type RevenuePeriod } from './revenue-share-dues';
import { RevenueShareReplay } from './revenue-share-replay';
import type { ParsedRevenueShareTerms } from './revenue-share-terms';
import { minBig } from './rounding';
import { settlementOf } from './settlement';

export interface RevenueShareView {
  periods: RevenuePeriodView[];
  position: RevenueSharePosition;
  arrears: Arrears;
  credit: bigint;
  status: FacilityStatus;
  nextPayment: { n: number; dueDate: string; amount: bigint | null } | null;
  allocations: Map<number, Allocation>;
  /** Payments actually applied (those dated on or before asOf). */
  applied: PaymentEvent[];
}

function positionOf(terms: ParsedRevenueShareTerms, replay: RevenueShareReplay, asOf: Day): RevenueSharePosition {
  const capLine = replay.lines.find((line) => line.kind === 'term-cap' && line.forgiven > 0n && line.dueDate <= asOf);
  const principal = principalRecovered(terms, replay.cumulativePaid);
  let forgiven: RevenueSharePosition['forgiven'] = null;
  if (capLine) {
    const writtenOff = terms.principal - principalRecovered(terms, terms.target - capLine.forgiven);
    forgiven = { principal: writtenOff, return: capLine.forgiven - writtenOff };
  }
  const towardTarget = minBig(replay.cumulativePaid, terms.target);
  return {
    target: terms.target,
    paid: replay.cumulativePaid,
    principalRecovered: principal,
    returnReceived: replay.cumulativePaid - principal,
    outstandingPrincipal: terms.principal - principal - (forgiven?.principal ?? 0n),
    remainingTarget: terms.target - towardTarget - (capLine?.forgiven ?? 0n),
    targetReachedOn: replay.targetReachedOn === null ? null : formatIsoDate(replay.targetReachedOn),
    forgiven,
  };
}

/** The periods, position and arrears of a revenue-share facility on `asOf`. */
export function serviceRevenueShare(terms: ParsedRevenueShareTerms, periods: readonly RevenuePeriod[], payments: readonly PaymentEvent[], asOf: Day): RevenueShareView {
  const replay = new RevenueShareReplay(terms, computeDues(terms, periods, true));
  const applied = inReplayOrder(payments).filter((payment) => payment.day <= asOf);
  for (const payment of applied) replay.apply(payment, false);
  replay.advanceTo(asOf);
  return viewOf(terms, replay, asOf, applied);
}

export function viewOf(terms: ParsedRevenueShareTerms, replay: RevenueShareReplay, asOf: Day, applied: PaymentEvent[]): RevenueShareView {
  const overdue = replay.obligations.filter((obligation) => obligation.line.dueDate < asOf && obligation.line.due > obligation.paid);
  const shareDue = overdue.reduce((sum, obligation) => sum + obligation.line.due - obligation.paid, 0n);
  const oldest = overdue[0]?.line.dueDate ?? null;
  const arrears: Arrears = { total: shareDue, principal: 0n, interest: 0n, fees: 0n, shareDue, oldestDueDate: oldest === null ? null : formatIsoDate(oldest), daysPastDue: oldest === null ? 0 : asOf - oldest };
  const position = positionOf(terms, replay, asOf);
  const credit = replay.credit;
  const termEnd = replay.lines.filter((line) => line.kind === 'period').at(-1)?.dueDate ?? terms.start;
  const nothingOwed = replay.obligations.every((obligation) => obligation.paid >= obligation.line.due);
  let status: FacilityStatus;
  if (nothingOwed && position.forgiven !== null) status = 'closed-forgiven';
  else if (nothingOwed && position.remainingTarget === 0n && (terms.tailShare.num === 0n || asOf >= termEnd)) status = 'repaid';
  else if (arrears.daysPastDue > terms.defaultAfterDays) status = 'default';
  else if (arrears.daysPastDue > terms.graceDays) status = 'late';
  else status = 'current';

  replay.projectCredit(asOf);
  const views = replay.obligations.map((obligation): RevenuePeriodView => {
    const { line } = obligation;
    const owed = line.due - obligation.paid;
    let settlement = settlementOf(line.dueDate, owed, obligation.contributions, asOf, terms.graceDays);
    if (line.revenue === null && line.kind === 'period' && line.dueDate <= asOf) settlement = { status: 'awaiting-revenue', daysPastDue: asOf - line.dueDate, settledOn: null };
    if (line.forgiven > 0n) settlement = { status: line.dueDate <= asOf ? 'forgiven' : 'upcoming', daysPastDue: 0, settledOn: null };
    return {
      n: line.n,
      kind: line.kind,
      periodStart: formatIsoDate(line.periodStart),
      dueDate: formatIsoDate(line.dueDate),
      revenue: line.revenue,
      phase: line.phase,
      share: line.share,
      due: line.due,
      carriedIn: obligation.carriedIn,
      paid: obligation.paid,
      owed,
      forgiven: line.forgiven,
      status: settlement.status,
      daysPastDue: settlement.daysPastDue,
      settledOn: settlement.settledOn === null ? null : formatIsoDate(settlement.settledOn),
    };
  });
  const asOfText = formatIsoDate(asOf);
  const next = views.find((period) => period.dueDate >= asOfText && (period.owed > 0n || period.revenue === null) && period.forgiven === 0n);
  const expectedMinimum = next && next.phase === 'recovery' && terms.minimum > 0n ? minBig(terms.minimum, position.remainingTarget) : null;
  return {
    periods: views,
    position,
    arrears,
    credit,
    status,
    nextPayment: next ? { n: next.n, dueDate: next.dueDate, amount: next.revenue === null && next.kind === 'period' ? expectedMinimum : next.owed } : null,
    allocations: replay.allocations,
    applied,
  };
}
