import { describe, expect, it } from 'vitest';
import { methods, methodNames, events, eventNames } from './api';
import { ApiError } from './errors';
import { decodeInput, encodeOutput, toWire } from './wire';

describe('the contract', () => {
  it('declares every method with input and output schemas and a summary', () => {
    expect(methodNames.length).toBeGreaterThan(0);
    for (const name of methodNames) {
      expect(name).toMatch(/^[a-z]+(\.[a-z][a-zA-Z]*)+$/);
      expect(methods[name].summary.length).toBeGreaterThan(10);
    }
  });

  it('names every push event onSomething', () => {
    for (const name of eventNames) {
      expect(name).toMatch(/^on[A-Z]/);
      expect(events[name]).toBeDefined();
    }
  });

  it('applies input defaults', () => {
    expect(decodeInput('journal.list', {})).toEqual({ afterSeq: 0, limit: 100 });
    expect(decodeInput('journal.list', undefined)).toEqual({ afterSeq: 0, limit: 100 });
  });

  it('refuses unknown fields and out-of-range values with field-level issues', () => {
    const attempt = (input: unknown) => {
      try {
        decodeInput('journal.list', input);
      } catch (error) {
        return error as ApiError;
      }
      throw new Error('expected a refusal');
    };
    const tooMany = attempt({ limit: 10_000 });
    expect(tooMany).toBeInstanceOf(ApiError);
    expect(tooMany.code).toBe('invalid-input');
    expect(tooMany.issues).toEqual([expect.objectContaining({ path: 'limit' })]);
    expect(attempt({ limti: 5 }).message).toMatch(/limti/);
    expect(attempt({ afterSeq: '3' }).issues?.[0]?.path).toBe('afterSeq');
  });

  it('refuses a handler output that breaks the contract as an internal error', () => {
    expect(() => encodeOutput('journal.verify', { ok: 'yes' } as never)).toThrow(expect.objectContaining({ code: 'internal' }));
  });

  it('turns bigints into decimal strings for the wire, recursively', () => {
    expect(toWire({ a: 1n, b: [2n, { c: -3n }], d: undefined, e: 'x' })).toEqual({ a: '1', b: ['2', { c: '-3' }], e: 'x' });
  });
});
