/**
 * The contract's operation helper, in its own module so the core contract and the post-operation
 * contract (which contract.ts imports) can both use it without a circular import.
 */
import * as z from 'zod';

/** Inputs are strict: an unknown field is an error, not silently dropped. */
export function op<S extends z.ZodRawShape, O extends z.ZodType>(description: string, input: S, output: O) {
  return { description, input: z.strictObject(input), output };
}
