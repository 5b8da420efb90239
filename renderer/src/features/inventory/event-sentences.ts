import type { TFunction } from 'i18next';
import type { JournalEntry } from '../../../../electron/contract/schemas/journal';
import { isEditableField, isIdentityField } from './identity-fields';

/** How values inside a sentence are formatted, in the current language. */
export interface SentenceFormats {
  dateTime(iso: string): string;
  integer(value: number): string;
  money(micro: bigint): string;
  /** "2025-03-15" as the language writes a date. */
  calendarDate(isoDate: string): string;
}

export const EVENT_KINDS = ['asset.discovered', 'asset.identity-changed', 'asset.identity-mismatch', 'asset.missing', 'asset.returned', 'asset.updated', 'asset.retired'] as const;
type EventKind = (typeof EVENT_KINDS)[number];
const KNOWN_KINDS: ReadonlySet<string> = new Set(EVENT_KINDS);
const isEventKind = (kind: string): kind is EventKind => KNOWN_KINDS.has(kind);

export interface EventText {
  /** "Discovered", "Edited": a short tag for the kind. */
  title: string;
  /** The whole story of the entry in one sentence. */
  sentence: string;
  /** How serious it is for a lender: drives the colour of the entry. */
  tone: 'neutral' | 'good' | 'warn' | 'danger';
}

const TONES: Record<EventKind, EventText['tone']> = {
  'asset.discovered': 'neutral',
  'asset.identity-changed': 'warn',
  'asset.identity-mismatch': 'danger',
  'asset.missing': 'danger',
  'asset.returned': 'good',
  'asset.updated': 'neutral',
  'asset.retired': 'warn',
};

const MAX_VALUE_LENGTH = 80;

type Record_ = Record<string, unknown>;
const asRecord = (value: unknown): Record_ => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record_) : {});
const asText = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null);

function shorten(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/**
 * A journal entry as a sentence an auditor can read: "Another GPU answered in PCI slot …",
 * "Acquisition cost: — → 28,500.00". Payloads are read defensively: an entry written by an
 * older or newer core still gets a sentence, never an exception.
 */
export function describeEvent(entry: JournalEntry, t: TFunction, formats: SentenceFormats): EventText {
  const payload = asRecord(entry.payload);
  if (!isEventKind(entry.kind)) return { title: entry.kind, sentence: t('inventory.event.unknown', { kind: entry.kind }), tone: 'neutral' };
  const title = t(`inventory.event.title.${entry.kind}`);
  const tone = TONES[entry.kind];
  const empty = t('inventory.event.none');
  const identity = (record: Record_): string => identityParts(record, t) || empty;
  const time = (value: unknown): string => {
    const iso = asText(value);
    return iso ? formats.dateTime(iso) : empty;
  };

  switch (entry.kind) {
    case 'asset.discovered':
      return { title, tone, sentence: t('inventory.event.discovered', { label: asText(payload.label) ?? empty, identity: identity(asRecord(payload.identity)) }) };
    case 'asset.identity-changed':
      return { title, tone, sentence: t('inventory.event.identityChanged', { changes: identityChanges(asRecord(payload.before), asRecord(payload.after), t) || empty }) };
    case 'asset.identity-mismatch': {
      const found = asRecord(payload.found);
      return {
        title,
        tone,
        sentence: t('inventory.event.identityMismatch', {
          slot: asText(payload.pciBusId) ?? empty,
          found: identity({ serial: found.serial, uuid: found.uuid }),
          registered: identity(asRecord(payload.registered)),
        }),
      };
    }
    case 'asset.missing': {
      const sweeps = typeof payload.missedSweeps === 'number' ? formats.integer(payload.missedSweeps) : empty;
      return { title, tone, sentence: t('inventory.event.missing', { sweeps, lastSeen: time(payload.lastSeen) }) };
    }
    case 'asset.returned':
      return { title, tone, sentence: t('inventory.event.returned', { since: time(payload.missingSince) }) };
    case 'asset.updated':
      return { title, tone, sentence: t('inventory.event.updated', { changes: fieldChanges(asRecord(payload.changes), t, formats) || empty }) };
    case 'asset.retired':
      return { title, tone, sentence: t('inventory.event.retired', { reason: shorten(asText(payload.reason) ?? empty) }) };
  }
}

function fieldLabel(key: string, t: TFunction): string {
  return isIdentityField(key) ? t(`inventory.identityField.${key}`) : key;
}

/** "serial 1320…, UUID GPU-…, PCI bus 00000000:17:00.0" — the identifiers that are present. */
function identityParts(record: Record_, t: TFunction): string {
  return Object.entries(record)
    .map(([key, value]) => [key, asText(value)] as const)
    .filter(([key, value]) => value !== null && key !== 'hostId')
    .map(([key, value]) => t('inventory.event.identityPart', { field: fieldLabel(key, t), value }))
    .join(t('inventory.event.listSeparator'));
}

function identityChanges(before: Record_, after: Record_, t: TFunction): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const none = t('inventory.event.none');
  return keys
    .filter((key) => asText(before[key]) !== asText(after[key]))
    .map((key) => t('inventory.event.change', { field: fieldLabel(key, t), before: asText(before[key]) ?? none, after: asText(after[key]) ?? none }))
    .join(t('inventory.event.listSeparator'));
}

function fieldChanges(changes: Record_, t: TFunction, formats: SentenceFormats): string {
  const none = t('inventory.event.none');
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return none;
    // Money was journaled as a decimal string of micro-units (bigint has no JSON form).
    if (field === 'acquisitionCost' && typeof value === 'string' && /^-?\d+$/.test(value)) return formats.money(BigInt(value));
    if (field === 'acquisitionDate' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formats.calendarDate(value);
    return shorten(asText(value) ?? JSON.stringify(value));
  };
  return Object.entries(changes)
    .map(([field, change]) => {
      const { before, after } = asRecord(change);
      const label = isEditableField(field) ? t(`inventory.field.${field}`) : field;
      return t('inventory.event.change', { field: label, before: show(field, before), after: show(field, after) });
    })
    .join(t('inventory.event.listSeparator'));
}
