/** One error type for post-operation work: its message is one line, fit to show the user as is. */
export class PostopError extends Error {
  override name = 'PostopError';
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, ' ').trim());
  }
}
