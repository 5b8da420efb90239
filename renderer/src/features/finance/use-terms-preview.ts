import { useEffect, useState } from 'react';
import type { FacilityTerms, RevenueSharePreview, SchedulePreview } from '../../../../electron/contract/schemas/facilities';
import { isApiErrorBody } from '../../../../electron/contract/errors';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import { addMonths } from './calendar';
import { scheduleTermsOf, termsKey } from './facility-form';

/**
 * The calculator needs a revenue series; before any revenue exists, every month at zero shows
 * the target, the periods and what the term cap would leave due.
 */
function noRevenueSeries(startDate: string, termMonths: number): { dueDate: string; revenue: bigint; paid: null }[] {
  return Array.from({ length: termMonths }, (_, index) => ({ dueDate: addMonths(startDate, index + 1), revenue: 0n, paid: null }));
}

export type TermsPreview =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'fixed-rate'; preview: SchedulePreview }
  | { kind: 'revenue-share'; preview: RevenueSharePreview }
  | { kind: 'failed'; message: string; issues: { path: string; message: string }[] };

/**
 * The schedule the terms would produce, from the server's calculator (the same code that saves
 * it), asked `delayMs` after the operator stops typing. Nothing is asked while the form has
 * errors; an answer to older terms is dropped.
 */
export function useTermsPreview(terms: FacilityTerms | null, delayMs = 300): TermsPreview {
  const client = useClient();
  const [preview, setPreview] = useState<TermsPreview>({ kind: 'none' });
  const key = terms ? termsKey(terms) : null;

  useEffect(() => {
    if (!terms) {
      setPreview({ kind: 'none' });
      return;
    }
    let current = true;
    setPreview((shown) => (shown.kind === 'none' || shown.kind === 'failed' ? { kind: 'loading' } : shown));
    const timer = setTimeout(() => {
      const request =
        terms.structure === 'fixed-rate'
          ? client.invoke('ledger.schedule.preview', scheduleTermsOf(terms)).then((answer): TermsPreview => ({ kind: 'fixed-rate', preview: answer }))
          : client.invoke('ledger.revenueShare.preview', { terms, revenue: noRevenueSeries(terms.startDate, terms.termMonths) }).then((answer): TermsPreview => ({ kind: 'revenue-share', preview: answer }));
      request.then(
        (answer) => current && setPreview(answer),
        (error: unknown) => current && setPreview({ kind: 'failed', message: describeError(error).message, issues: isApiErrorBody(error) ? (error.issues ?? []) : [] }),
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // The key stands for the terms: a new object with the same values asks nothing.
  }, [key, client, delayMs]);

  return preview;
}
