import { stringify } from "yaml";
import { UsageError } from "../../errors.js";

export type OutputFormat = "table" | "json" | "yaml";

export function parseOutputFormat(value: string | undefined): OutputFormat {
  const format = value ?? "table";
  if (format === "table" || format === "json" || format === "yaml") return format;
  throw new UsageError(`invalid output format "${format}": use table, json or yaml`);
}

/** JSON and YAML output for scripts; table output is each command's own. */
export function formatData(data: unknown, format: "json" | "yaml"): string {
  if (format === "json") return JSON.stringify(data) + "\n";
  return stringify(data, { lineWidth: 0 });
}
