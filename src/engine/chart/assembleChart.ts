import type { Values } from "../values/types.js";
import { HelmYamlError, readHelmValues, readHelmYaml } from "../yaml/index.js";
import { ChartError } from "./errors.js";
import { MAX_SUBCHART_DEPTH } from "./limits.js";
import { readChartArchive } from "./loadArchive.js";
import { parseChartYaml } from "./metadata.js";
import type { Chart, ChartFile, ChartLock } from "./types.js";

/**
 * Files Helm keeps out of `files` because they have fields of their own
 * (docs/chart-engine.md#which-files-go-where).
 */
const OWN_FIELDS = new Set(["Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json"]);
/** helm 2's dependency files: read into the metadata and lock; a v1 chart also keeps them in `files`. */
const REQUIREMENTS = new Set(["requirements.yaml", "requirements.lock"]);

/**
 * Builds a Chart from its files (paths relative to the chart root), loading
 * subcharts from charts/ — folders and .tgz archives alike, recursively.
 */
export async function assembleChart(files: ChartFile[], source: string, depth = 0): Promise<Chart> {
  if (depth > MAX_SUBCHART_DEPTH)
    throw new ChartError(`subcharts nest more than ${MAX_SUBCHART_DEPTH} levels deep`, {
      file: shortSource(source),
    });
  const byName = new Map(files.map((f) => [f.name, f]));
  const chartYaml = byName.get("Chart.yaml");
  if (!chartYaml) throw new ChartError("Chart.yaml is missing", { file: source });
  const requirements = byName.get("requirements.yaml");
  const metadata = parseChartYaml(
    chartYaml.data.toString("utf8"),
    { file: `${source}/Chart.yaml` },
    requirements ? readDependencyFile(requirements, source) : undefined,
  );
  const chartName = metadata.name;
  const v1 = metadata.apiVersion === "v1";

  const rawValues = byName.get("values.yaml")?.data ?? null;
  const values = rawValues ? parseValuesYaml(rawValues, chartName) : {};
  const schema = byName.get("values.schema.json")?.data ?? null;
  if (schema) {
    try {
      JSON.parse(schema.toString("utf8"));
    } catch (err) {
      throw new ChartError(`is not valid JSON: ${(err as Error).message}`, {
        chart: chartName,
        file: "values.schema.json",
      });
    }
  }
  const lockFile = byName.get("Chart.lock") ?? byName.get("requirements.lock");
  const lock = lockFile ? parseChartLock(lockFile, chartName) : null;

  const templates: ChartFile[] = [];
  const other: ChartFile[] = [];
  const subchartFolders = new Map<string, ChartFile[]>();
  const subchartArchives: ChartFile[] = [];
  for (const file of files) {
    if (OWN_FIELDS.has(file.name)) continue;
    if (REQUIREMENTS.has(file.name)) {
      if (v1) other.push(file);
      continue;
    }
    if (file.name.startsWith("templates/")) {
      templates.push(file);
      continue;
    }
    const sub = /^charts\/([^/]+)(?:\/(.+))?$/.exec(file.name);
    if (sub) {
      const [, entry, rest] = sub as unknown as [string, string, string | undefined];
      if (entry.startsWith("_") || entry.startsWith(".")) continue;
      if (rest === undefined) {
        if (entry.endsWith(".tgz")) subchartArchives.push(file);
        else other.push(file); // e.g. charts/foo.prov is kept among files, as Helm does
        continue;
      }
      const list = subchartFolders.get(entry) ?? [];
      list.push({ name: rest, data: file.data });
      subchartFolders.set(entry, list);
      continue;
    }
    other.push(file);
  }

  const dependencies: Chart[] = [];
  for (const [folder, subFiles] of [...subchartFolders].sort(([a], [b]) => (a < b ? -1 : 1))) {
    dependencies.push(
      await inSubchart(folder, chartName, () =>
        assembleChart(subFiles, `${source}/charts/${folder}`, depth + 1),
      ),
    );
  }
  for (const archive of subchartArchives) {
    const where = `${source}/${archive.name}`;
    const entry = archive.name.slice("charts/".length);
    dependencies.push(
      await inSubchart(entry, chartName, async () => {
        const { files: subFiles } = await readChartArchive(archive.data, where);
        return assembleChart(subFiles, where, depth + 1);
      }),
    );
  }

  return {
    metadata,
    lock,
    templates,
    values,
    rawValues,
    schema,
    files: other,
    dependencies,
    source,
  };
}

/** A nested subchart's path for a message: the first levels and the last, not all hundred. */
function shortSource(source: string): string {
  return source.length <= 200 ? source : `${source.slice(0, 120)}…${source.slice(-60)}`;
}

/**
 * A subchart's helm-worded load error as helm's loader wraps it: `error unpacking subchart
 * ENTRY in PARENT: …`, ENTRY being the folder or archive name under charts/.
 */
async function inSubchart(
  entry: string,
  parent: string,
  load: () => Promise<Chart>,
): Promise<Chart> {
  try {
    return await load();
  } catch (err) {
    if (!(err instanceof ChartError) || !err.helmWorded) throw err;
    throw new ChartError(
      `error unpacking subchart ${entry} in ${parent}: ${err.message}`,
      err.location,
      {
        helmWorded: true,
        ...(err.details !== undefined ? { details: err.details } : {}),
        ...(err.hint !== undefined ? { hint: err.hint } : {}),
        cause: err,
      },
    );
  }
}

/**
 * values.yaml as helm reads it (loader.LoadValues): YAML 1.1 typing, documents merged, merge keys,
 * aliases limited — for every chart, whatever its template language.
 */
function parseValuesYaml(data: Buffer, chart: string): Values {
  try {
    return readHelmValues(data.toString("utf8"), { source: "values.yaml" }) as Values;
  } catch (err) {
    if (!(err instanceof HelmYamlError)) throw err;
    // helm's words: "cannot load values.yaml: cannot unmarshal yaml document: error converting
    // YAML to JSON: yaml: line 1: …" (the line counted within the YAML document).
    throw new ChartError(
      `cannot load values.yaml: ${err.message}`,
      { chart, file: "values.yaml", ...(err.line !== undefined ? { line: err.line } : {}) },
      { helmWorded: true },
    );
  }
}

function parseChartLock(file: ChartFile, chart: string): ChartLock {
  try {
    return (readHelmYaml(file.data.toString("utf8"), { source: file.name }) ?? {}) as ChartLock;
  } catch (err) {
    if (!(err instanceof HelmYamlError)) throw err;
    throw new ChartError(
      `cannot load ${file.name}: ${err.message}`,
      { chart, file: file.name, ...(err.line !== undefined ? { line: err.line } : {}) },
      { helmWorded: true },
    );
  }
}

function readDependencyFile(file: ChartFile, source: string): unknown {
  try {
    return readHelmYaml(file.data.toString("utf8"), { source: file.name });
  } catch (err) {
    if (!(err instanceof HelmYamlError)) throw err;
    throw new ChartError(
      `cannot load ${file.name}: ${err.message}`,
      { file: `${source}/${file.name}`, ...(err.line !== undefined ? { line: err.line } : {}) },
      { helmWorded: true },
    );
  }
}
