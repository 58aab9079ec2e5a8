import { GoInt } from "../gotemplate/value.js";
import { gunzipSync, gzipSync, constants as zlib } from "node:zlib";
import { WheelhouseError } from "../../errors.js";
import type { ChartDependency } from "../chart/types.js";
import { MAX_VALUES_DEPTH, nestingDepth } from "../values/depth.js";
import type { Hook, Release, ReleaseInfo, StoredChart, StoredChartMetadata } from "./types.js";
import { isReleaseStatus } from "./types.js";

/** A release payload that cannot be read: bad base64, gzip, JSON or shape. */
export class ReleaseDecodeError extends WheelhouseError {
  constructor(message: string, options: { cause?: unknown; hint?: string } = {}) {
    super("release", message, options);
  }
}

/**
 * Encodes a release the way Helm's `encodeRelease` does (docs/release-storage.md#encoding): JSON
 * with Go's field order → gzip at best compression → standard base64. The Secret driver stores this
 * string as the bytes of `data.release` (so the API shows it base64'd once more); the ConfigMap
 * driver stores it as is.
 */
export function encodeRelease(release: Release): string {
  const json = JSON.stringify(toStoredJson(release));
  return gzipSync(Buffer.from(json, "utf8"), { level: zlib.Z_BEST_COMPRESSION }).toString("base64");
}

/**
 * The most a payload may unpack to. helm has no limit; a record is at most 1 MiB on the server, and
 * a release's JSON packs 3–10 times at most (templates and files are base64 inside it), so this is
 * far above any real record — while a 1 MiB gzip of zeros unpacks to 1 GiB.
 */
export const MAX_UNPACKED_RELEASE_BYTES = 64 * 1024 * 1024;

/** Standard base64 with padding, as Go's StdEncoding reads it (it skips CR and LF). */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes a payload written by Helm 3, Helm 4 or wheelhouse (docs/release-storage.md#encoding):
 * base64, gunzip only when the gzip magic is present (old records are plain JSON), then JSON.
 * Labels are not part of the payload; the storage driver adds them. The messages never quote the
 * payload's bytes: they end up on a terminal.
 */
export function decodeRelease(payload: string): Release {
  const text = payload.replace(/[\r\n]/g, "");
  if (text === "") throw new ReleaseDecodeError("its payload is empty");
  if (!STRICT_BASE64.test(text)) {
    throw new ReleaseDecodeError(`its payload is not base64 (${whyNotBase64(text)})`);
  }
  const bytes = Buffer.from(text, "base64");
  let json: Buffer = bytes;
  if (bytes.length > 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08) {
    try {
      json = gunzipSync(bytes, { maxOutputLength: MAX_UNPACKED_RELEASE_BYTES });
    } catch (err) {
      const tooBig = (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";
      throw new ReleaseDecodeError(
        tooBig
          ? `its payload unpacks to more than ${MAX_UNPACKED_RELEASE_BYTES / 1024 / 1024} MiB (a gzip bomb?)`
          : `its payload is base64 but not valid gzip (${(err as Error).message})`,
        { cause: err },
      );
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString("utf8"));
  } catch (err) {
    // JSON.parse's message quotes the input; say only where it broke.
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new ReleaseDecodeError(
      `its payload is ${json === bytes ? "base64" : "gzip"} but not JSON` +
        (at === undefined ? "" : ` (byte ${at} of ${json.length})`),
      { cause: err },
    );
  }
  return checkReleaseShape(parsed);
}

function whyNotBase64(text: string): string {
  const bad = text.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return `character ${bad + 1} of ${text.length} is not a base64 digit`;
  const pad = text.indexOf("=");
  if (pad >= 0 && pad < text.length - 2) return `padding at character ${pad + 1} of ${text.length}`;
  return `${text.length} characters, not a multiple of 4`;
}

function checkReleaseShape(value: unknown): Release {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ReleaseDecodeError("its payload is JSON but not a release (not an object)");
  }
  const r = value as Record<string, unknown>;
  if (typeof r.name !== "string" || r.name === "") {
    throw new ReleaseDecodeError("its payload is JSON but not a release (no name)");
  }
  if (typeof r.version !== "number" || !Number.isInteger(r.version) || r.version < 1) {
    throw new ReleaseDecodeError("its payload is JSON but not a release (no valid version)");
  }
  // Values sit two levels down (release → chart → values). helm, whose stack grows, may have
  // stored values deeper than wheelhouse takes anywhere (docs/chart-engine.md#user-supplied-values);
  // every recursive walk over them would overflow the stack.
  if (nestingDepth(value, MAX_VALUES_DEPTH + 2) > MAX_VALUES_DEPTH + 2) {
    throw new ReleaseDecodeError(
      `its payload nests values deeper than ${MAX_VALUES_DEPTH} levels, more than wheelhouse reads (helm goes to 10000)`,
    );
  }
  const info = r.info as Record<string, unknown> | undefined;
  if (typeof info !== "object" || info === null || Array.isArray(info)) {
    throw new ReleaseDecodeError("its payload is JSON but not a release (no info)");
  }
  if (!isReleaseStatus(info.status)) {
    throw new ReleaseDecodeError(
      `its payload is JSON but not a release (unknown status ${JSON.stringify(info.status)?.slice(0, 40)})`,
    );
  }
  const release = r as unknown as Release;
  // Go's json.Unmarshal leaves missing strings empty; match that for fields we read.
  if (typeof release.manifest !== "string") release.manifest = "";
  if (typeof release.namespace !== "string") release.namespace = "";
  if (typeof release.info.description !== "string") release.info.description = "";
  if (release.chart === undefined) release.chart = null;
  return release;
}

/**
 * The release as Go's encoding/json would write it: struct field order,
 * omitempty fields left out when empty, map keys sorted (Go sorts maps).
 */
export function toStoredJson(release: Release): Record<string, unknown> {
  return compact({
    name: release.name || undefined,
    info: storedInfo(release.info),
    chart: release.chart ? storedChart(release.chart) : undefined,
    config: isEmptyMap(release.config) ? undefined : sortKeysDeep(release.config),
    manifest: release.manifest || undefined,
    hooks: release.hooks && release.hooks.length > 0 ? release.hooks.map(storedHook) : undefined,
    version: release.version || undefined,
    namespace: release.namespace || undefined,
    apply_method: release.apply_method || undefined,
  });
}

function storedInfo(info: ReleaseInfo): Record<string, unknown> {
  return compact({
    first_deployed: info.first_deployed || undefined,
    last_deployed: info.last_deployed || undefined,
    deleted: info.deleted || undefined,
    description: info.description || undefined,
    status: info.status || undefined,
    notes: info.notes || undefined,
    resources: isEmptyMap(info.resources) ? undefined : info.resources,
  });
}

function storedChart(chart: StoredChart): Record<string, unknown> {
  return compact({
    metadata: storedMetadata(chart.metadata),
    lock: chart.lock ?? null,
    templates: chart.templates ?? null,
    values: chart.values === null ? null : sortKeysDeep(chart.values),
    schema: chart.schema ?? null,
    schemamodtime: chart.schemamodtime,
    files: chart.files ?? null,
    modtime: chart.modtime,
  });
}

function storedMetadata(m: StoredChartMetadata): Record<string, unknown> {
  return compact({
    name: m.name || undefined,
    home: m.home || undefined,
    sources: m.sources?.length ? m.sources : undefined,
    version: m.version || undefined,
    description: m.description || undefined,
    keywords: m.keywords?.length ? m.keywords : undefined,
    maintainers: m.maintainers?.length
      ? m.maintainers.map((x) =>
          compact({
            name: x.name || undefined,
            email: x.email || undefined,
            url: x.url || undefined,
          }),
        )
      : undefined,
    icon: m.icon || undefined,
    apiVersion: m.apiVersion || undefined,
    condition: m.condition || undefined,
    tags: m.tags || undefined,
    appVersion: m.appVersion || undefined,
    deprecated: m.deprecated || undefined,
    annotations: isEmptyMap(m.annotations) ? undefined : sortKeysDeep(m.annotations),
    kubeVersion: m.kubeVersion || undefined,
    dependencies: m.dependencies?.length ? m.dependencies.map(storedDependency) : undefined,
    type: m.type || undefined,
  });
}

function storedDependency(d: ChartDependency): Record<string, unknown> {
  return compact({
    name: d.name,
    version: d.version || undefined,
    repository: d.repository ?? "",
    condition: d.condition || undefined,
    tags: d.tags?.length ? d.tags : undefined,
    enabled: d.enabled || undefined,
    "import-values": d["import-values"]?.length ? d["import-values"] : undefined,
    alias: d.alias || undefined,
  });
}

function storedHook(h: Hook): Record<string, unknown> {
  return compact({
    name: h.name || undefined,
    kind: h.kind || undefined,
    path: h.path || undefined,
    manifest: h.manifest || undefined,
    events: h.events?.length ? h.events : undefined,
    last_run: compact({
      started_at: h.last_run?.started_at || undefined,
      completed_at: h.last_run?.completed_at || undefined,
      phase: h.last_run?.phase ?? "",
    }),
    weight: h.weight || undefined,
    delete_policies: h.delete_policies?.length ? h.delete_policies : undefined,
    output_log_policies: h.output_log_policies?.length ? h.output_log_policies : undefined,
  });
}

function compact(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}

function isEmptyMap(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0)
  );
}

/** Go marshals maps with sorted keys; values trees are maps all the way down. */
function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeysDeep) as T;
  // `--set` integers (int64 while rendering) are JSON numbers in the record, as helm writes them.
  if (value instanceof GoInt) return value.value as T;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
    }
    return out as T;
  }
  return value;
}
