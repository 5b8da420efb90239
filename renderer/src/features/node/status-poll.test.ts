import { describe, expect, it } from 'vitest';
import { statusPollMs } from './status-poll';

describe('the status poll interval', () => {
  it('follows the sample interval between 5 and 30 seconds', () => {
    expect(statusPollMs(1)).toBe(5_000);
    expect(statusPollMs(10)).toBe(10_000);
    expect(statusPollMs(60)).toBe(30_000);
    expect(statusPollMs(3600)).toBe(30_000);
  });

  it('polls at the fastest rate before the first status', () => {
    expect(statusPollMs(undefined)).toBe(5_000);
  });
});
