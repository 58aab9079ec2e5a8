import type { ChartMetadata } from "../chart/types.js";
import {
  HELM_CHART_MEDIA_TYPE,
  HELM_CONFIG_MEDIA_TYPE,
  HELM_PROV_MEDIA_TYPE,
} from "./reference.js";
import { sha256Digest } from "./client.js";

/** Go's encoding/json: object keys of maps sorted, and <, >, &, U+2028/9 escaped as \u00XX. */
export function goJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A Go map: keys sorted, nested maps too. */
function sortedMap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedMap);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortedMap((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** Go's omitempty: "", false, empty slices and maps, nil are left out. */
function compact(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    if (v === undefined || v === null || v === "" || v === false) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

/**
 * The config blob helm pushes: json.Marshal of chart.Metadata — fields in the Go struct's order
 * with its omitempty rules (pkg/chart/v2/metadata.go), so the blob, and so its digest, is helm's.
 */
export function helmConfigJson(meta: ChartMetadata): Buffer {
  const m = meta as ChartMetadata & Record<string, unknown>;
  const config = compact([
    ["name", m.name],
    ["home", m.home],
    ["sources", m.sources],
    ["version", m.version],
    ["description", m.description],
    ["keywords", m.keywords],
    [
      "maintainers",
      m.maintainers?.map((x) =>
        compact([
          ["name", x.name],
          ["email", x.email],
          ["url", x.url],
        ]),
      ),
    ],
    ["icon", m.icon],
    ["apiVersion", m.apiVersion],
    ["condition", m.condition],
    ["tags", m.tags],
    ["appVersion", m.appVersion],
    ["deprecated", m.deprecated],
    ["annotations", m.annotations ? sortedMap(m.annotations) : undefined],
    ["kubeVersion", m.kubeVersion],
    [
      "dependencies",
      m.dependencies?.map((d) => ({
        name: d.name,
        ...compact([["version", d.version]]),
        repository: d.repository ?? "",
        ...compact([
          ["condition", d.condition],
          ["tags", d.tags],
          ["enabled", d.enabled],
          ["import-values", d["import-values"] ? sortedMap(d["import-values"]) : undefined],
          ["alias", d.alias],
        ]),
      })),
    ],
    ["type", m.type],
  ]);
  return Buffer.from(goJson(config));
}

/** helm's generateOCIAnnotations: OCI image annotations from Chart.yaml, then its own annotations. */
export function helmAnnotations(meta: ChartMetadata, created: Date): Record<string, string> {
  const authors = (meta.maintainers ?? [])
    .map((m) => `${m.name ?? ""}${m.email ? ` (${m.email})` : ""}`)
    .join(", ");
  const standard = compact([
    ["org.opencontainers.image.description", meta.description],
    ["org.opencontainers.image.title", meta.name],
    ["org.opencontainers.image.version", meta.version],
    ["org.opencontainers.image.url", meta.home],
    ["org.opencontainers.image.created", created.toISOString().replace(/\.\d+Z$/, "Z")],
    ["org.opencontainers.image.source", meta.sources?.[0]],
    ["org.opencontainers.image.authors", authors],
  ]) as Record<string, string>;
  for (const [key, value] of Object.entries(meta.annotations ?? {}))
    if (key !== "org.opencontainers.image.version" && key !== "org.opencontainers.image.title")
      standard[key] = String(value);
  return sortedMap(standard) as Record<string, string>;
}

export interface HelmArtifact {
  manifest: Buffer;
  blobs: { digest: string; bytes: Buffer }[];
}

/** The manifest and blobs `helm push` makes of a chart archive (and its .prov, when there is one). */
export function helmArtifact(
  meta: ChartMetadata,
  archive: Buffer,
  provenance: Buffer | undefined,
  created: Date,
): HelmArtifact {
  const config = helmConfigJson(meta);
  const descriptor = (mediaType: string, bytes: Buffer) => ({
    mediaType,
    digest: sha256Digest(bytes),
    size: bytes.length,
  });
  // helm puts the provenance layer first when there is one.
  const layers = [
    ...(provenance ? [descriptor(HELM_PROV_MEDIA_TYPE, provenance)] : []),
    descriptor(HELM_CHART_MEDIA_TYPE, archive),
  ];
  const manifest = {
    schemaVersion: 2,
    config: descriptor(HELM_CONFIG_MEDIA_TYPE, config),
    layers,
    annotations: helmAnnotations(meta, created),
  };
  return {
    manifest: Buffer.from(goJson(manifest)),
    blobs: [
      { digest: sha256Digest(config), bytes: config },
      { digest: sha256Digest(archive), bytes: archive },
      ...(provenance ? [{ digest: sha256Digest(provenance), bytes: provenance }] : []),
    ],
  };
}
