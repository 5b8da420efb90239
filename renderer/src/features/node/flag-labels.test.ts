import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import fr from '../../i18n/fr.json';
import { compareFlags, describeFlag, flagSeverity, isKnownFlag, NODE_HEALTH_FLAGS } from './flag-labels';

describe('health flag labels', () => {
  it('has a label and a one-line explanation for every flag, in both languages', () => {
    for (const language of [en, fr]) {
      for (const name of NODE_HEALTH_FLAGS) {
        const text = language.node.flag[name];
        expect(text.label.trim(), name).not.toBe('');
        expect(text.help.trim(), name).not.toBe('');
        expect(text.help, name).not.toContain('\n');
      }
    }
  });

  it('translates known flags and shows unknown ones by name', () => {
    const translate = (key: string): string => `[${key}]`;
    expect(describeFlag('missing', translate)).toEqual({ name: 'missing', label: '[node.flag.missing.label]', help: '[node.flag.missing.help]', severity: 'danger' });
    expect(describeFlag('quantum-flux', translate)).toEqual({ name: 'quantum-flux', label: 'quantum-flux', help: null, severity: 'warn' });
    expect(isKnownFlag('health-unknown')).toBe(true);
    expect(isKnownFlag('toString')).toBe(false);
  });

  it('marks as danger what made the asset not count or not be trusted', () => {
    expect(flagSeverity('missing')).toBe('danger');
    expect(flagSeverity('identity-mismatch')).toBe('danger');
    expect(flagSeverity('thermal-slowdown')).toBe('warn');
    expect(flagSeverity('remap-pending')).toBe('warn');
  });

  it('orders flags by their bit, unknown ones last by name', () => {
    expect(['zz-new', 'health-unknown', 'missing', 'aa-new', 'ecc-uncorrectable'].sort(compareFlags)).toEqual(['ecc-uncorrectable', 'missing', 'health-unknown', 'aa-new', 'zz-new']);
  });
});
