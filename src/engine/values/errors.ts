import { WheelhouseError } from "../../errors.js";

/** Values the user gave (files, --set flags) or a chart declared that cannot be used. */
export class ValuesError extends WheelhouseError {
  constructor(message: string, options: { details?: string; hint?: string; cause?: unknown } = {}) {
    super("values", message, options);
  }
}
