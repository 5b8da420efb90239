import { describe, expect, it } from 'vitest';
import { nodeFormats } from './node-formats';

describe('the Node page formatters', () => {
  it('are built once per language', () => {
    expect(nodeFormats('en')).toBe(nodeFormats('en'));
    expect(nodeFormats('fr')).not.toBe(nodeFormats('en'));
  });

  it('group energy counts exactly, past what a float holds', () => {
    expect(nodeFormats('en').bigInteger('12345678901234567890')).toBe('12,345,678,901,234,567,890');
    expect(nodeFormats('fr').bigInteger('1234').replace(/\s/g, ' ')).toBe('1 234');
    expect(nodeFormats('en').bigInteger('0')).toBe('0');
    expect(nodeFormats('en').bigInteger('n/a')).toBe('n/a');
  });

  it('show a bad date as it came rather than "Invalid Date"', () => {
    expect(nodeFormats('en').dateTime('yesterday')).toBe('yesterday');
  });
});
