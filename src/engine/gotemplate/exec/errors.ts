/** How an execution fails: Go's error texts, and the JavaScript failures that stand for Go's. */

/** An execution error; `message` is Go's full text, the fields let helm's reformatting be rebuilt. */
export class TemplateExecError extends Error {
  constructor(
    message: string,
    /** The template being executed (a file or define name). */
    readonly templateName: string,
    /** Where the failing node was written (absent for errors with no node). */
    readonly location: { parseName: string; line: number; col: number } | undefined,
    /** The failing node as Go prints it (`.Values.a.b`). */
    readonly context: string | undefined,
    /** Go's message after the `executing … at <…>: ` part. */
    readonly detail: string,
    /**
     * For `error calling NAME: …`, the error the function threw (Go wraps it with %w, and helm
     * walks that chain when it reformats: an include's inner TemplateExecError shows up here).
     */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "TemplateExecError";
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

export function isStackOverflow(e: unknown): boolean {
  // No regular expression here: this runs with the stack nearly exhausted.
  return e instanceof RangeError && e.message.indexOf("call stack") !== -1;
}
