import type { Chart, ChartFile, ChartMetadata } from "../chart/types.js";
import { GO_ZERO_TIME } from "./goTime.js";
import type { StoredChart, StoredChartFile, StoredChartMetadata } from "./types.js";

/**
 * The chart as Helm stores it in every revision (docs/release-storage.md#the-stored-chart):
 * metadata, lock, templates, values, schema and files of the top chart only — subcharts are not
 * serialised, their output lives in the manifest.
 */
export function toStoredChart(chart: Chart): StoredChart {
  return {
    metadata: storedMetadata(chart.metadata),
    lock: chart.lock,
    templates: chart.templates.map(storedFile),
    values: chart.rawValues === null ? null : chart.values,
    schema: chart.schema === null ? null : chart.schema.toString("base64"),
    // Helm 4 always writes it; Helm 3 ignores unknown keys.
    schemamodtime: GO_ZERO_TIME,
    files: chart.files.length > 0 ? chart.files.map(storedFile) : null,
  };
}

/** The parts of a stored chart a reader needs back as bytes (templates, files, schema). */
export function fromStoredChart(stored: StoredChart, source: string): Chart {
  const metadata = stored.metadata;
  return {
    metadata: {
      ...metadata,
      apiVersion: metadata.apiVersion ?? "v2",
      name: metadata.name ?? "",
      version: metadata.version ?? "",
      type: metadata.type === "library" ? "library" : "application",
    } as ChartMetadata,
    lock: stored.lock,
    templates: (stored.templates ?? []).map(loadedFile),
    values: stored.values ?? {},
    rawValues: null,
    schema: stored.schema ? Buffer.from(stored.schema, "base64") : null,
    files: (stored.files ?? []).map(loadedFile),
    dependencies: [],
    source,
  };
}

function storedMetadata(m: ChartMetadata): StoredChartMetadata {
  const { type, ...rest } = m;
  return { ...rest, ...(type ? { type } : {}) };
}

function storedFile(file: ChartFile): StoredChartFile {
  return { name: file.name, data: file.data.toString("base64") };
}

function loadedFile(file: StoredChartFile): ChartFile {
  return { name: file.name, data: Buffer.from(file.data, "base64") };
}
