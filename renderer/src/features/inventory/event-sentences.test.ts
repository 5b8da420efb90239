import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../electron/contract/schemas/journal';
import { createI18n } from '../../i18n/i18n';
import { cellFormats } from './cell-formats';
import { describeEvent, EVENT_KINDS } from './event-sentences';

const HASH = `0x${'ab'.repeat(32)}`;
const entry = (kind: string, payload: unknown): JournalEntry => ({ seq: 7, at: '2026-11-24T15:00:00.000Z', kind, entity: 'gpu:GPU-1', payload, prevHash: HASH, hash: HASH });

const en = createI18n('en').t;
const fr = createI18n('fr').t;
const enFormats = { ...cellFormats('en'), dateTime: (iso: string) => `<${iso}>` };
const frFormats = { ...cellFormats('fr'), dateTime: (iso: string) => `<${iso}>` };

describe('journal entries as sentences', () => {
  it('tells what was discovered with its identifiers', () => {
    const text = describeEvent(entry('asset.discovered', { kind: 'gpu', label: 'NVIDIA H100 80GB HBM3', identity: { uuid: 'GPU-1', serial: '1652', pciBusId: '00000000:18:00.0', hostId: 'host:h' } }), en, enFormats);
    expect(text).toEqual({ title: 'Discovered', tone: 'neutral', sentence: 'First seen as NVIDIA H100 80GB HBM3: UUID GPU-1; Serial 1652; PCI bus 00000000:18:00.0.' });
  });

  it('names the GPU found in the slot and the one registered there', () => {
    const text = describeEvent(entry('asset.identity-mismatch', { hostId: 'host:h', pciBusId: '00000000:18:00.0', registered: { uuid: 'GPU-1', serial: '1652' }, found: { assetId: 'gpu:GPU-2', uuid: 'GPU-2', serial: '1653' } }), en, enFormats);
    expect(text.tone).toBe('danger');
    expect(text.sentence).toBe('Another GPU answered in PCI slot 00000000:18:00.0: found Serial 1653; UUID GPU-2, where the register has UUID GPU-1; Serial 1652.');
  });

  it('lists only the identifiers that changed, before → after', () => {
    const text = describeEvent(entry('asset.identity-changed', { before: { uuid: 'GPU-1', serial: '1652', boardPartNumber: 'A' }, after: { uuid: 'GPU-1', serial: '1652', boardPartNumber: 'B' } }), en, enFormats);
    expect(text.sentence).toBe('The identity reported changed: Board part number: A → B.');
  });

  it('says how long an asset was missing and when it came back', () => {
    expect(describeEvent(entry('asset.missing', { lastSeen: '2026-11-24T14:00:00.000Z', missedSweeps: 3 }), en, enFormats).sentence).toBe('Absent from the last sweeps (missed: 3); last seen <2026-11-24T14:00:00.000Z>.');
    expect(describeEvent(entry('asset.returned', { missingSince: '2026-11-24T14:00:00.000Z' }), en, enFormats)).toMatchObject({ tone: 'good', sentence: 'Seen again after being missing since <2026-11-24T14:00:00.000Z>.' });
  });

  it('shows edits field by field, money formatted exactly from its micro-units', () => {
    const payload = { changes: { acquisitionCost: { before: null, after: '28500500000' }, site: { before: 'PAR-1', after: 'AMS-1' }, notes: { before: 'x', after: null } } };
    expect(describeEvent(entry('asset.updated', payload), en, enFormats).sentence).toBe('Acquisition cost: — → 28,500.50; Site: PAR-1 → AMS-1; Notes: x → —.');
    const dated = { changes: { acquisitionDate: { before: '2025-01-15', after: '2025-03-01' } } };
    expect(describeEvent(entry('asset.updated', dated), en, enFormats).sentence).toBe('Acquisition date: Jan 15, 2025 → Mar 1, 2025.');
    expect(describeEvent(entry('asset.updated', dated), fr, frFormats).sentence).toBe('Date d\'acquisition\u00a0: 15 janv. 2025 → 1 mars 2025.');
    expect(describeEvent(entry('asset.updated', payload), fr, frFormats).sentence).toBe('Coût d\u2019acquisition\u00a0: — → 28\u202f500,50\u00a0; Site\u00a0: PAR-1 → AMS-1\u00a0; Notes\u00a0: x → —.'.replace('\u2019', "'"));
  });

  it('quotes the retirement reason', () => {
    expect(describeEvent(entry('asset.retired', { reason: 'RMA to NVIDIA', previousStatus: 'present' }), en, enFormats)).toMatchObject({ title: 'Retired', sentence: 'Reason: RMA to NVIDIA' });
  });

  it('survives unknown kinds and malformed payloads', () => {
    expect(describeEvent(entry('asset.teleported', {}), en, enFormats).sentence).toBe('Journal entry asset.teleported.');
    for (const kind of EVENT_KINDS) {
      for (const payload of [null, 'text', [], { changes: 'nope', identity: 5, found: null }]) {
        const text = describeEvent(entry(kind, payload), en, enFormats);
        expect(text.sentence, kind).toBeTypeOf('string');
        expect(text.sentence, kind).not.toMatch(/undefined|\{\{/);
      }
    }
  });

  it('has a title in both languages for every kind', () => {
    const titles = (t: typeof en, formats: typeof enFormats) => EVENT_KINDS.map((kind) => describeEvent(entry(kind, {}), t, formats).title);
    for (const title of [...titles(en, enFormats), ...titles(fr, frFormats)]) expect(title).not.toMatch(/^$|inventory\.|asset\./);
    expect(new Set(titles(fr, frFormats)).size).toBe(EVENT_KINDS.length);
  });
});
