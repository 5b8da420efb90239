import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../../../electron/contract/schemas/journal';
import { formatDateTime, shortenHash } from '../../i18n/format';
import type { FinanceFormats } from './finance-formats';

const EVENT_KEYS = {
  'facility.created': 'finance.events.created',
  'facility.updated': 'finance.events.updated',
  'facility.payment-recorded': 'finance.events.paymentRecorded',
  'facility.revenue-recorded': 'finance.events.revenueRecorded',
} as const;

const eventKey = (kind: string) => (kind in EVENT_KEYS ? EVENT_KEYS[kind as keyof typeof EVENT_KEYS] : null);

/** The facility's journal rows, newest first: what an auditor will check against the chain. */
export function JournalEvents({ events, formats }: { events: JournalEntry[]; formats: FinanceFormats }) {
  const { t } = useTranslation();
  return (
    <ol className="fin-events" data-testid="finance-events">
      {events.map((event) => (
        <li key={event.seq} className="fin-event" data-kind={event.kind}>
          <span className="mono fin-event-seq">#{event.seq}</span>
          <span>{eventKey(event.kind) ? t(eventKey(event.kind)!) : event.kind}</span>
          <span className="muted">{formatDateTime(event.at, formats.language)}</span>
          <span className="mono muted" title={event.hash}>
            {shortenHash(event.hash)}
          </span>
        </li>
      ))}
    </ol>
  );
}
