import { z } from 'zod';

/**
 * Money crosses every wire as a decimal string of integer micro-units (6 decimals, as USDC)
 * and lives in TypeScript as a bigint. Floats never touch an amount: JSON numbers lose
 * precision past 2^53 and binary fractions cannot hold a cent exactly.
 */
export const MICRO_PER_UNIT = 1_000_000n;

const INTEGER_STRING = /^-?(0|[1-9][0-9]*)$/;

export const microUnits = z.codec(
  z.string().regex(INTEGER_STRING, 'money must be a decimal string of integer micro-units, e.g. "1250000"'),
  z.bigint(),
  {
    decode: (text) => BigInt(text),
    encode: (value) => value.toString(),
  },
);

/** "12.5" (whole units, at most 6 decimals) -> 12500000n. Rejects anything it would have to round. */
export function parseUnits(text: string): bigint {
  const match = /^(-)?([0-9]+)(?:\.([0-9]{1,6}))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not an amount with at most 6 decimals: "${text}"`);
  const [, sign, whole, fraction = ''] = match;
  const micro = BigInt(whole!) * MICRO_PER_UNIT + BigInt(fraction.padEnd(6, '0'));
  return sign ? -micro : micro;
}

/** 12500000n -> "12.500000": exact, always 6 decimals, for display and CSV. */
export function formatUnits(micro: bigint): string {
  const negative = micro < 0n;
  const magnitude = negative ? -micro : micro;
  const whole = magnitude / MICRO_PER_UNIT;
  const fraction = (magnitude % MICRO_PER_UNIT).toString().padStart(6, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}
