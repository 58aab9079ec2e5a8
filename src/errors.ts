/**
 * Errors a user can act on. Every layer (except the standalone sandbox) throws
 * subclasses of WheelhouseError for bad input and refused operations; the CLI
 * and the UI decide how to show them. Anything else that escapes is a bug and
 * is shown with its stack only under --debug.
 */
export class WheelhouseError extends Error {
  /** A short machine-readable category, e.g. "chart", "values", "kube". */
  readonly kind: string;
  /** Extra lines shown after the one-line message (e.g. every failing path). */
  readonly details?: string;
  /** What the user can do about it, e.g. "run `wheelhouse recover demo`". */
  readonly hint?: string;

  constructor(
    kind: string,
    message: string,
    options: { details?: string; hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.kind = kind;
    if (options.details !== undefined) this.details = options.details;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/** Bad command-line usage: unknown flag, missing argument, conflicting options. */
export class UsageError extends WheelhouseError {
  constructor(message: string, options: { hint?: string } = {}) {
    super("usage", message, options);
  }
}

export function isWheelhouseError(err: unknown): err is WheelhouseError {
  return err instanceof WheelhouseError;
}

/** A message for any thrown value, without a stack. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
