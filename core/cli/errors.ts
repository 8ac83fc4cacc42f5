import { DomainError, type Said } from '../model/errors';

/** A bad command line: a DomainError (invalid_input) the CLI reports as one line and a non-zero exit. */
export class CliError extends DomainError {
  override name = 'CliError';
  constructor(message: string | Said, readonly exitCode = 1) { super('invalid_input', message); }
}
