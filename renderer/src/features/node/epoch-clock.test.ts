import { describe, expect, it } from 'vitest';
import { epochCountdown } from './epoch-clock';

const at = (iso: string): number => Date.parse(iso);

describe('the epoch countdown', () => {
  it('counts down to the end the node reported while it is ahead', () => {
    expect(epochCountdown('2026-11-24T15:00:00.000Z', 3600, 60, at('2026-11-24T14:59:52.000Z'))).toEqual({ endsAt: at('2026-11-24T15:00:00.000Z'), remainingMs: 8_000, closing: false });
  });

  it('says the epoch is closing for one sample interval (and some slack) after its end', () => {
    expect(epochCountdown('2026-11-24T15:00:00.000Z', 3600, 60, at('2026-11-24T15:00:30.000Z'))).toMatchObject({ remainingMs: 0, closing: true });
    expect(epochCountdown('2026-11-24T15:00:00.000Z', 10, 1, at('2026-11-24T15:00:02.000Z'))).toMatchObject({ closing: true });
  });

  it('moves on to the next UTC-aligned end once the reported one is well past', () => {
    expect(epochCountdown('2026-11-24T15:00:00.000Z', 3600, 1, at('2026-11-24T15:10:00.000Z'))).toEqual({ endsAt: at('2026-11-24T16:00:00.000Z'), remainingMs: 50 * 60_000, closing: false });
    expect(epochCountdown('2026-11-24T15:00:00.000Z', 10, 1, at('2026-11-24T15:00:07.500Z'))).toEqual({ endsAt: at('2026-11-24T15:00:10.000Z'), remainingMs: 2_500, closing: false });
  });

  it('computes the end itself before the first sample', () => {
    expect(epochCountdown(null, 3600, 60, at('2026-11-24T14:20:00.000Z'))).toEqual({ endsAt: at('2026-11-24T15:00:00.000Z'), remainingMs: 40 * 60_000, closing: false });
  });
});
