import { WheelhouseError } from "../../errors.js";
import { ChartError } from "../chart/errors.js";

/** A rendered document that is not a usable Kubernetes object; names chart, file and line. */
export class ManifestError extends ChartError {
  constructor(message: string, path: string, line: number) {
    const chart = path.split("/")[0];
    const file = path.split("/").slice(1).join("/");
    super(message, { ...(chart ? { chart } : {}), file: file || path, line });
  }
}

/** A rendered Go-template document helm would refuse, worded as helm words it (`YAML parse error on …`). */
export class RenderedYamlError extends WheelhouseError {
  constructor(message: string) {
    super("chart", message);
  }
}
