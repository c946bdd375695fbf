/** A refusal of an admin request: its status, a code and a message that says what to send instead. */
export class AdminInputError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
