import { UsageError } from "../../errors.js";

export type OutputFormat = "table" | "json" | "yaml";

export function parseOutputFormat(value: string | undefined): OutputFormat {
  const format = value ?? "table";
  if (format === "table" || format === "json" || format === "yaml") return format;
  throw new UsageError(`invalid output format "${format}": use table, json or yaml`);
}

/** JSON output for scripts, as helm prints it: one line. */
export function formatJson(data: unknown): string {
  return JSON.stringify(data) + "\n";
}

/**
 * JSON and YAML output for scripts; table output is each command's own. YAML is
 * sigs.k8s.io/yaml's, as helm prints it; the YAML module loads only when YAML
 * is asked for: `list -o json` and friends start without it.
 */
export async function formatData(data: unknown, format: "json" | "yaml"): Promise<string> {
  if (format === "json") return formatJson(data);
  const { writeDataYaml } = await import("../../engine/yaml/index.js");
  return writeDataYaml(data);
}
