import { describe, expect, it } from 'vitest';
import { formatEpochWindow } from './epoch-window';

const spaces = (text: string): string => text.replace(/\s/g, ' ');

describe('epoch windows', () => {
  it('writes the date once when both ends share it', () => {
    expect(spaces(formatEpochWindow('2026-11-24T15:00:00.000Z', '2026-11-24T16:00:00.000Z', 'en', 'UTC'))).toBe('11/24/26, 3:00:00 PM – 4:00:00 PM UTC');
    expect(spaces(formatEpochWindow('2026-11-24T15:00:00.000Z', '2026-11-24T15:00:10.000Z', 'fr', 'UTC'))).toBe('24/11/2026, 15:00:00 – 15:00:10 UTC');
  });

  it('writes both dates across midnight', () => {
    expect(spaces(formatEpochWindow('2026-11-24T23:00:00.000Z', '2026-11-25T00:00:00.000Z', 'fr', 'UTC'))).toBe('24/11/2026 23:00:00 – 25/11/2026 00:00:00 UTC');
  });

  it('falls back to the raw values rather than "Invalid Date"', () => {
    expect(formatEpochWindow('soon', '2026-11-25T00:00:00.000Z', 'en')).toBe('soon – 2026-11-25T00:00:00.000Z');
  });
});
