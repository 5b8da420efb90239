import type { z } from 'zod';

/** One API method: zod schemas for its input and output, and one line for docs and error messages. */
export interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  summary: string;
}

/** Declares a method; only here so the literal keeps its precise schema types. */
export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}
