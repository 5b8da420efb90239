import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import fr from '../../i18n/fr.json';
import { createI18n } from '../../i18n/i18n';
import { describeReasons, HEALTH_REASONS, healthRank, isKnownReason } from './health-labels';

describe('health reasons', () => {
  it('has a label and a one-line explanation for every code, in English and French', () => {
    for (const code of HEALTH_REASONS) {
      for (const language of [en, fr]) {
        const text = language.inventory.healthReason[code];
        expect(text.label, code).toBeTruthy();
        expect(text.help, code).toBeTruthy();
        expect(text.help.length, code).toBeLessThan(200);
      }
      expect(fr.inventory.healthReason[code].help, code).not.toBe(en.inventory.healthReason[code].help);
    }
  });

  it('covers every code the core emits (contract of electron/core/inventory/gpu/health.ts)', () => {
    for (const code of ['ecc-uncorrectable', 'remap-pending', 'remap-failure', 'retirement-pending', 'recovery-action', 'thermal-slowdown', 'power-brake', 'nvidia-smi-timeout', 'duplicate-uuid', 'duplicate-serial', 'missing']) {
      expect(isKnownReason(code), code).toBe(true);
    }
  });

  it('labels the reasons a fleet source adds (contract of electron/core/inventory/fleet/apply-fleet-read.ts)', () => {
    const [en, fr] = [createI18n('en').t, createI18n('fr').t];
    for (const code of ['fleet-target-down', 'fleet-source-down']) {
      expect(isKnownReason(code), code).toBe(true);
      expect(describeReasons([code], (key) => en(key))[0]!.label, code).not.toBe(code);
      expect(describeReasons([code], (key) => fr(key))[0]!.label, code).not.toBe(describeReasons([code], (key) => en(key))[0]!.label);
    }
  });

  it('describes known reasons and shows unknown ones verbatim', () => {
    const t = createI18n('en').t;
    expect(describeReasons(['thermal-slowdown', 'xid-79'], (key) => t(key))).toEqual([
      { code: 'thermal-slowdown', label: 'Thermal slowdown', help: en.inventory.healthReason['thermal-slowdown'].help },
      { code: 'xid-79', label: 'xid-79', help: null },
    ]);
  });

  it('ranks failing before degraded before unknown before ok', () => {
    expect(healthRank('failing')).toBeLessThan(healthRank('degraded'));
    expect(healthRank('degraded')).toBeLessThan(healthRank('unknown'));
    expect(healthRank('unknown')).toBeLessThan(healthRank('ok'));
  });
});
