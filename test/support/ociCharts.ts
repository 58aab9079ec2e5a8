/** Go-template charts packaged for registry tests (helm renders them too). */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeChart } from "./charts.js";
import { runCli } from "./cli.js";

/**
 * A temp folder inside the run's scratch folder (removed when the vitest run ends), so homes,
 * caches and pulled charts of the OCI tests do not pile up in /tmp.
 */
export function ociTemp(prefix: string): Promise<string> {
  return mkdtemp(join(process.env.WHEELHOUSE_TEST_SCRATCH ?? tmpdir(), prefix));
}

/** A chart with one ConfigMap naming the release and the chart version. */
export function goChart(
  name: string,
  version: string,
  extraChartYaml = "",
): Record<string, string> {
  return {
    "Chart.yaml": `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "1.0"\ndescription: a test chart\n${extraChartYaml}`,
    "values.yaml": "greeting: hello\n",
    "README.md": `# ${name}\n`,
    "templates/cm.yaml": [
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: {{ .Release.Name }}-cm",
      "data:",
      "  greeting: {{ .Values.greeting | quote }}",
      "  version: {{ .Chart.Version | quote }}",
      "",
    ].join("\n"),
  };
}

/** Packages a goChart with `wheelhouse package`; returns the archive's path. */
export async function packagedChart(name: string, version: string, extra = ""): Promise<string> {
  const dir = await writeChart(goChart(name, version, extra), name);
  const out = await ociTemp("wh-pkg-");
  const res = await runCli(["package", dir, "-d", out]);
  if (res.code !== 0) throw new Error(res.stderr);
  return join(out, `${name}-${version}.tgz`);
}

/** What helm (and wheelhouse) print on stderr after resolving an oci:// chart, and nothing else. */
export const PULLED = /^Pulled: [^\s:]+(:\d+)?\/\S+:\S+\nDigest: sha256:[a-f0-9]{64}\n$/;
