import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../../../electron/contract/schemas/journal';
import type { CellFormats } from './cell-formats';
import { describeEvent } from './event-sentences';

/** The asset's journal entries, newest first, each as a sentence with its time and sequence number. */
export function AssetHistory({ events, formats }: { events: JournalEntry[]; formats: CellFormats }) {
  const { t } = useTranslation();
  const described = useMemo(() => events.map((entry) => ({ entry, text: describeEvent(entry, t, formats) })), [events, t, formats]);
  if (events.length === 0) return <p className="muted">{t('inventory.event.empty')}</p>;
  return (
    <ol className="event-list" data-testid="inventory-events">
      {described.map(({ entry, text }) => (
        <li key={entry.seq} className={`event event-${text.tone}`} data-kind={entry.kind} data-testid="inventory-event">
          <div className="event-head">
            <span className="event-title">{text.title}</span>
            <time className="event-time" dateTime={entry.at} title={`${t('inventory.event.seq', { seq: entry.seq })} · ${entry.hash}`}>
              {formats.dateTime(entry.at)}
            </time>
          </div>
          <p className="event-sentence">{text.sentence}</p>
        </li>
      ))}
    </ol>
  );
}
