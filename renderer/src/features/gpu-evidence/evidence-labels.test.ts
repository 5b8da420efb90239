import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import fr from '../../i18n/fr.json';
import { createI18n } from '../../i18n/i18n';
import { checkHelp, checkLabel, evidenceBadgeLabels, verdictSentence } from './evidence-labels';
import { EVIDENCE_CHECKS, EVIDENCE_VERDICTS } from './evidence-verdict';
import { rejectedRecord, testRecord, uncollectedRecord } from './test-records';

const enT = createI18n('en').t;
const frT = createI18n('fr').t;

describe('GPU evidence labels', () => {
  it('has a label and a one-line explanation for every check, and a badge for every verdict, in both languages', () => {
    for (const language of [en, fr]) {
      for (const name of EVIDENCE_CHECKS) {
        expect(language.gpuEvidence.check[name].label.trim(), name).not.toBe('');
        expect(language.gpuEvidence.check[name].help, name).not.toContain('\n');
      }
      for (const verdict of EVIDENCE_VERDICTS) {
        expect(language.gpuEvidence.badge[verdict].trim(), verdict).not.toBe('');
        expect(language.gpuEvidence.badgeShort[verdict].trim(), verdict).not.toBe('');
      }
    }
  });

  it('names known checks in words and shows a check a newer core adds by its name', () => {
    expect(checkLabel('signature', enT)).toBe('Report signature');
    expect(checkLabel('rim', frT)).toBe('Mesures de référence (RIM)');
    expect(checkLabel('tdisp', enT)).toBe('tdisp');
    expect(checkHelp('tdisp', enT)).toBeNull();
  });

  it("puts the epoch and the GPU's UEID in an attested badge's tooltip, shortened", () => {
    const labels = evidenceBadgeLabels(enT);
    expect(labels.text).toEqual({ attested: 'HW-attested', rejected: 'Evidence rejected', uncollected: 'Not attested' });
    // The grid's compact marks differ by more than their colour.
    expect(new Set(Object.values(labels.short)).size).toBe(3);
    expect(labels.title(testRecord())).toBe('Hardware-rooted identity verified for epoch #12 · UEID 4B02D924…4C5D6E7F');
    expect(verdictSentence(testRecord(), enT)).toBe('Hardware-rooted identity verified for epoch #12 · UEID 4B02D92494BADF4A1C3E5F7081920A3B4C5D6E7F');
  });

  it("puts the failed check and the verifier's reason in a rejected badge's tooltip", () => {
    expect(evidenceBadgeLabels(enT).title(rejectedRecord())).toBe('Hardware evidence rejected for epoch #12 — Report signature: the ECDSA P-384 signature does not verify with the leaf certificate key');
    expect(evidenceBadgeLabels(frT).title(rejectedRecord())).toBe("Preuve matérielle rejetée pour l'époque n° 12 — Signature du rapport : the ECDSA P-384 signature does not verify with the leaf certificate key");
  });

  it('says why nothing was collected', () => {
    expect(evidenceBadgeLabels(enT).title(uncollectedRecord())).toBe('No hardware evidence for epoch #12: the evidence command exited with status 3: GPU is not in confidential-computing mode');
    expect(evidenceBadgeLabels(enT).title(uncollectedRecord({ failure: null }))).toBe('No hardware evidence for epoch #12: no reason given');
  });
});
