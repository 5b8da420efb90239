import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only';

describe('latest-only answers', () => {
  it('drops an answer overtaken by the answer to a later request', () => {
    const order = latestOnly();
    const poll = order.issue();
    const stop = order.issue();
    expect(order.accept(stop)).toBe(true);
    expect(order.accept(poll)).toBe(false);
  });

  it('applies answers that arrive in order', () => {
    const order = latestOnly();
    const first = order.issue();
    const second = order.issue();
    expect(order.accept(first)).toBe(true);
    expect(order.accept(second)).toBe(true);
  });
});
