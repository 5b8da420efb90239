import { describe, expect, it } from 'vitest';
import { durationParts, formatCountdown, formatDuration, formatRelativeTime, relativeParts } from './durations';

const spaces = (text: string): string => text.replace(/\s/g, ' ');

describe('configured lengths', () => {
  it('splits a length into its non-zero units, largest first', () => {
    expect(durationParts(3_600)).toEqual([['hour', 1]]);
    expect(durationParts(5_400)).toEqual([
      ['hour', 1],
      ['minute', 30],
    ]);
    expect(durationParts(90_061)).toEqual([
      ['day', 1],
      ['hour', 1],
      ['minute', 1],
      ['second', 1],
    ]);
    expect(durationParts(0)).toEqual([['second', 0]]);
    expect(durationParts(0.5)).toEqual([['second', 0.5]]);
  });

  it('spells the units in the language', () => {
    expect(spaces(formatDuration(10, 'en'))).toBe('10 sec');
    expect(spaces(formatDuration(1, 'fr'))).toBe('1 s');
    expect(spaces(formatDuration(3_600, 'en'))).toBe('1 hr');
    expect(spaces(formatDuration(3_600, 'fr'))).toBe('1 h');
    expect(spaces(formatDuration(5_400, 'fr'))).toBe('1 h 30 min');
    expect(spaces(formatDuration(60, 'en'))).toBe('1 min');
  });
});

describe('the countdown clock', () => {
  it('shows minutes and seconds, then hours, then days', () => {
    expect(formatCountdown(8_000, 'en')).toBe('0:08');
    expect(formatCountdown(59 * 60_000 + 59_000, 'en')).toBe('59:59');
    expect(formatCountdown(3_600_000, 'en')).toBe('1:00:00');
    expect(spaces(formatCountdown(2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5_000, 'fr'))).toBe('2 j 03:04:05');
  });

  it('rounds up to the whole second and never goes below zero', () => {
    expect(formatCountdown(7_001, 'en')).toBe('0:08');
    expect(formatCountdown(1, 'en')).toBe('0:01');
    expect(formatCountdown(0, 'en')).toBe('0:00');
    expect(formatCountdown(-5_000, 'en')).toBe('0:00');
  });
});

describe('relative times', () => {
  it('picks the largest unit that fits', () => {
    expect(relativeParts(-12_000)).toEqual({ amount: -12, unit: 'second' });
    expect(relativeParts(-61_000)).toEqual({ amount: -1, unit: 'minute' });
    expect(relativeParts(-2 * 3_600_000)).toEqual({ amount: -2, unit: 'hour' });
    expect(relativeParts(3 * 86_400_000)).toEqual({ amount: 3, unit: 'day' });
  });

  it('says it in the language', () => {
    expect(formatRelativeTime(-12_000, 'en')).toBe('12 seconds ago');
    expect(formatRelativeTime(-12_000, 'fr')).toBe('il y a 12 secondes');
    expect(formatRelativeTime(0, 'en')).toBe('now');
    expect(formatRelativeTime(-400, 'fr')).toBe('maintenant');
  });
});
