import type { AllocationBucket, FixedRateTerms } from '../../contract/schemas/facilities';
import { compare, ONE, parsePercent, type Ratio } from './rational';
import { parseScheduleTerms, type ParsedScheduleTerms } from './schedule';
import { IssueList } from './terms-validation';

export interface ParsedFixedRateTerms extends ParsedScheduleTerms {
  graceDays: number;
  defaultAfterDays: number;
  lateFee: Ratio;
  penaltyApr: Ratio;
  prepaymentFee: Ratio;
  prepaymentMode: FixedRateTerms['prepaymentMode'];
  allocationOrder: readonly AllocationBucket[];
}

export function parseFixedRateTerms(terms: FixedRateTerms, pathPrefix = ''): ParsedFixedRateTerms {
  const issues = new IssueList();
  const buckets = new Set(terms.allocationOrder);
  issues.check(buckets.size === 3, `${pathPrefix}allocationOrder`, 'list fees, interest and principal, each once');
  issues.check(compare(parsePercent(terms.lateFeePct), ONE) <= 0, `${pathPrefix}lateFeePct`, 'a late fee is at most 100 %');
  issues.check(compare(parsePercent(terms.prepaymentFeePct), ONE) <= 0, `${pathPrefix}prepaymentFeePct`, 'a prepayment fee is at most 100 %');
  issues.check(terms.defaultAfterDays > terms.graceDays, `${pathPrefix}defaultAfterDays`, 'default must come after the grace period');
  return {
    ...parseScheduleTerms(terms, issues, pathPrefix),
    graceDays: terms.graceDays,
    defaultAfterDays: terms.defaultAfterDays,
    lateFee: parsePercent(terms.lateFeePct),
    penaltyApr: parsePercent(terms.penaltyAprPct),
    prepaymentFee: parsePercent(terms.prepaymentFeePct),
    prepaymentMode: terms.prepaymentMode,
    allocationOrder: terms.allocationOrder,
  };
}
