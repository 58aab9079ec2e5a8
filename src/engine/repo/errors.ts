import { WheelhouseError } from "../../errors.js";

/** A repository that cannot be reached, read or trusted, or a chart that cannot be found in one. */
export class RepoError extends WheelhouseError {
  constructor(message: string, options: { details?: string; hint?: string; cause?: unknown } = {}) {
    super("repo", message, options);
  }
}
