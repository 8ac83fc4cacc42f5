/** A file that cannot be read as given: one line naming the file (its base name) and the problem. */
import { basename } from 'node:path';
import { DomainError } from '../model/errors';

export class FileError extends DomainError {
  override name = 'FileError';
  constructor(readonly file: string, problem: string) {
    super('invalid_input', `${basename(file)}: ${problem}`);
  }
}
