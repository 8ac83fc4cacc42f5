/** A refused change in words, beside the part of the panel it concerns. */
import type { Failure } from './types';

export function ErrorLine({ error, testId }: { error: Failure | null; testId: string }) {
  return error ? <p className="error" role="alert" data-testid={testId}>{error.message}</p> : null;
}
