import { WheelhouseError } from "../../errors.js";

/** A registry that cannot be reached, refuses us, or holds something that is not the chart asked for. */
export class RegistryError extends WheelhouseError {
  constructor(message: string, options: { details?: string; hint?: string; cause?: unknown } = {}) {
    super("registry", message, options);
  }
}

/** The hint every refused request carries: where the credentials come from and how to store them. */
export function loginHint(host: string): string {
  return `run \`wheelhouse registry login ${host}\` (or pass --username and --password)`;
}
