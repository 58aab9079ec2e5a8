import { ChartError } from "../chart/errors.js";

/** A rendered document that is not a usable Kubernetes object; names chart, file and line. */
export class ManifestError extends ChartError {
  constructor(message: string, path: string, line: number) {
    const chart = path.split("/")[0];
    const file = path.split("/").slice(1).join("/");
    super(message, { ...(chart ? { chart } : {}), file: file || path, line });
  }
}
