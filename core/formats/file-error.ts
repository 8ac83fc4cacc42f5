/** A file that cannot be read as given: one line naming the file (its base name) and the problem. */
import { basename } from 'node:path';
import { DomainError, type Said } from '../model/errors';

export class FileError extends DomainError {
  override name = 'FileError';
  /** `problem`: English text, or a catalogue entry (`import.*`, whose text names the file as {{file}}). */
  constructor(readonly file: string, problem: string | Said) {
    super('invalid_input', typeof problem === 'string' ? `${basename(file)}: ${problem}` : { key: problem.key, params: { ...problem.params, file: basename(file) } });
  }
}
