import { describe, expect, it } from 'vitest';
import { REASON_SEVERITY } from '../../inventory/gpu/health';
import { decodeHealthFlags, encodeHealthFlags, HEALTH_FLAG_BITS, KNOWN_HEALTH_FLAGS_MASK, type HealthFlag } from './health-flags';

describe('health flags', () => {
  it('gives every condition its own bit, numbered without gaps from 0', () => {
    const bits = Object.values(HEALTH_FLAG_BITS).sort((a, b) => a - b);
    expect(bits).toEqual(bits.map((_, index) => index));
    expect(KNOWN_HEALTH_FLAGS_MASK).toBe(2 ** bits.length - 1);
  });

  it('keeps the bits already signed into reports (append only)', () => {
    expect(HEALTH_FLAG_BITS).toMatchObject({ 'ecc-uncorrectable': 0, 'remap-pending': 5, 'remap-failure': 6, 'retirement-pending': 7, 'recovery-action': 8, 'thermal-slowdown': 9, 'power-brake': 10, 'nvidia-smi-timeout': 11, missing: 13, 'identity-mismatch': 14, 'duplicate-uuid': 15, 'duplicate-serial': 16, 'robot-error': 17, 'health-unknown': 18 });
  });

  it('has a bit for every GPU health reason of the inventory', () => {
    for (const reason of Object.keys(REASON_SEVERITY)) expect(HEALTH_FLAG_BITS).toHaveProperty(reason);
  });

  it('encodes and decodes', () => {
    const flags: HealthFlag[] = ['ecc-uncorrectable', 'thermal-slowdown', 'health-unknown'];
    const bits = encodeHealthFlags(flags);
    expect(bits).toBe(1 + 2 ** 9 + 2 ** 18);
    expect(decodeHealthFlags(bits)).toEqual(flags);
    expect(encodeHealthFlags([])).toBe(0);
    expect(decodeHealthFlags(KNOWN_HEALTH_FLAGS_MASK)).toHaveLength(Object.keys(HEALTH_FLAG_BITS).length);
  });

  it('refuses unknown names and unassigned bits', () => {
    expect(() => encodeHealthFlags(['on-fire' as HealthFlag])).toThrow(/unknown health flag "on-fire"/);
    expect(() => decodeHealthFlags(2 ** 31)).toThrow(/unassigned bits: 0x80000000/);
    expect(() => decodeHealthFlags(-1)).toThrow(/uint32/);
  });
});
