/**
 * Small charts for the conformance suite, described in code and written to a
 * temp dir. Values stay raw YAML text so that helm's typing rules (1000000 vs
 * 1e+06, yes/no, quoted numbers) reach both renderers unchanged.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface ChartSpec {
  name: string;
  version?: string;
  /** Extra Chart.yaml text appended after apiVersion/name/version (raw YAML). */
  chartYaml?: string;
  /** values.yaml, raw. */
  values?: string;
  /** templates/<path> → template text. */
  templates?: Record<string, string>;
  /** Any other file, path relative to the chart root (crds/x.yaml, files/a.txt, .helmignore …). */
  files?: Record<string, string | Uint8Array>;
  /** Written to charts/<name>/. */
  subcharts?: ChartSpec[];
}

/** Writes the chart under parent/<name> and returns that directory. */
export function writeChart(parent: string, spec: ChartSpec): string {
  const dir = join(parent, spec.name);
  const put = (path: string, content: string | Uint8Array): void => {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  };
  put(
    "Chart.yaml",
    `apiVersion: v2\nname: ${spec.name}\nversion: ${spec.version ?? "0.1.0"}\n${spec.chartYaml ?? ""}`,
  );
  if (spec.values !== undefined) put("values.yaml", spec.values);
  for (const [path, text] of Object.entries(spec.templates ?? {})) put(`templates/${path}`, text);
  for (const [path, content] of Object.entries(spec.files ?? {})) put(path, content);
  for (const sub of spec.subcharts ?? []) writeChart(join(dir, "charts"), sub);
  mkdirSync(join(dir, "templates"), { recursive: true });
  return dir;
}
