import { DomainError, type ErrorCode, type Said } from '../model/errors';

/** A post-operation failure: a DomainError, `invalid_input` unless the thrower says otherwise. */
export class PostopError extends DomainError {
  override name = 'PostopError';
  constructor(message: string | Said, code: ErrorCode = 'invalid_input', field?: string) {
    super(code, message, field);
  }
}
