import type { RevenueShareTerms } from '../../contract/schemas/facilities';
import { parseIsoDate, type Day } from './civil-date';
import { compare, ONE, parseDecimal, parsePercent, type Ratio } from './rational';
import { isWholeCents, roundToCent } from './rounding';
import { IssueList } from './terms-validation';

export interface ParsedRevenueShareTerms {
  principal: bigint;
  start: Day;
  share: Ratio;
  tailShare: Ratio;
  multiple: Ratio;
  /** principal × multiple, rounded half-even to the cent. */
  target: bigint;
  minimum: bigint;
  termMonths: number;
  atTermCap: RevenueShareTerms['atTermCap'];
  graceDays: number;
  defaultAfterDays: number;
}

export function parseRevenueShareTerms(terms: RevenueShareTerms, pathPrefix = ''): ParsedRevenueShareTerms {
  const issues = new IssueList();
  const at = (field: string) => `${pathPrefix}${field}`;
  const share = parsePercent(terms.sharePct);
  const tailShare = parsePercent(terms.tailSharePct);
  const multiple = parseDecimal(terms.targetMultiple);
  issues.check(terms.principal > 0n && isWholeCents(terms.principal), at('principal'), 'the principal must be a positive whole number of cents');
  issues.check(share.num > 0n && compare(share, ONE) <= 0, at('sharePct'), 'the share must be more than 0 % and at most 100 %');
  issues.check(compare(tailShare, ONE) <= 0, at('tailSharePct'), 'the tail share is at most 100 %');
  issues.check(compare(multiple, ONE) >= 0, at('targetMultiple'), 'the target multiple must be at least 1 (the principal back)');
  issues.check(terms.minimumPayment >= 0n && isWholeCents(terms.minimumPayment), at('minimumPayment'), 'the minimum payment must be a non-negative whole number of cents');
  issues.check(terms.defaultAfterDays > terms.graceDays, at('defaultAfterDays'), 'default must come after the grace period');
  issues.throwIfAny();
  return {
    principal: terms.principal,
    start: parseIsoDate(terms.startDate),
    share,
    tailShare,
    multiple,
    target: roundToCent(terms.principal * multiple.num, multiple.den),
    minimum: terms.minimumPayment,
    termMonths: terms.termMonths,
    atTermCap: terms.atTermCap,
    graceDays: terms.graceDays,
    defaultAfterDays: terms.defaultAfterDays,
  };
}
