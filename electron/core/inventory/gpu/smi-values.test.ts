import { describe, expect, it } from 'vitest';
import { firstOf, flag, identity, integer, numberIn, onOff, records, section, sumOf, text } from './smi-values';

describe('nvidia-smi values', () => {
  it('reads every no-value phrase, bare or bracketed, as null', () => {
    for (const phrase of ['N/A', '[N/A]', 'Not Supported', '[Not Supported]', 'Unknown Error', '[Unknown Error]', 'Requested functionality has been deprecated', '[Insufficient Permissions]', 'Not available in WDDM driver model', '', '   ']) {
      expect(text(phrase)).toBeNull();
      expect(numberIn(phrase, 'W')).toBeNull();
    }
    expect(text(undefined)).toBeNull();
    expect(text({ total: '1 MiB' })).toBeNull();
    expect(text(' None ')).toBe('None');
  });

  it('parses numbers with the expected unit, bare numbers, and refuses other units', () => {
    expect(numberIn('81559 MiB', 'MiB')).toBe(81559);
    expect(numberIn('444.72 W', 'W')).toBe(444.72);
    expect(numberIn('53 C', 'C')).toBe(53);
    expect(numberIn('-8 C', 'C')).toBe(-8);
    expect(numberIn('97 %', '%')).toBe(97);
    expect(numberIn('1980 MHz', 'MHz')).toBe(1980);
    expect(numberIn('447.35')).toBe(447.35);
    expect(numberIn('80 GiB', 'MiB')).toBeNull();
    expect(numberIn('fast', 'W')).toBeNull();
    expect(numberIn('1.2.3 W', 'W')).toBeNull();
    expect(integer('4027538')).toBe(4027538);
    expect(integer('1.5')).toBeNull();
  });

  it('reads flags in all their spellings', () => {
    expect([flag('Yes'), flag('No'), flag('Active'), flag('Not Active'), flag('Enabled'), flag('Disabled'), flag('N/A'), flag('maybe')]).toEqual([true, false, true, false, true, false, null, null]);
    expect([onOff('Enabled'), onOff('Disabled'), onOff('N/A')]).toEqual(['enabled', 'disabled', null]);
  });

  it('takes placeholder identities (all zeros, N/A) as no identity, and keeps real ones verbatim', () => {
    for (const placeholder of ['GPU-00000000-0000-0000-0000-000000000000', 'MIG-00000000-0000-0000-0000-000000000000', '0000000000000', '0', '00000000', '[N/A]', 'N/A']) {
      expect(identity(placeholder)).toBeNull();
    }
    expect(identity('GPU-513536b6-7d19-9063-b049-1e69664bb298')).toBe('GPU-513536b6-7d19-9063-b049-1e69664bb298');
    expect(identity('0324418086185')).toBe('0324418086185');
    expect(identity('MIG-00000001-0000-0000-0000-000000000001')).toBe('MIG-00000001-0000-0000-0000-000000000001');
  });

  it('decodes the XML entities the parser leaves alone, and nothing else', () => {
    expect(text('python &amp; friends &lt;3 &#65;&#x42;')).toBe('python & friends <3 AB');
    expect(text('&custom; &#0;')).toBe('&custom; &#0;');
  });

  it('shapes sections and lists whatever the parser produced', () => {
    expect(section('N/A')).toEqual({});
    expect(section(['a'])).toEqual({});
    expect(records(undefined)).toEqual([]);
    expect(records({ pid: '1' })).toEqual([{ pid: '1' }]);
    expect(records([{ pid: '1' }, 'junk', null, { pid: '2' }])).toEqual([{ pid: '1' }, { pid: '2' }]);
    expect(firstOf(null, 0, 5)).toBe(0);
    expect(sumOf(null, null)).toBeNull();
    expect(sumOf(null, 2, 3)).toBe(5);
  });
});
