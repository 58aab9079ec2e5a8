import { MAX_UNPACKED_BYTES } from "../chart/limits.js";
import { cachedBlob, readCachedBlob, registryCacheDir } from "./cache.js";
import { RegistryClient, type RegistryOptions } from "./client.js";
import { RegistryError } from "./errors.js";
import {
  HELM_CHART_MEDIA_TYPE,
  HELM_CONFIG_MEDIA_TYPE,
  HELM_PROV_MEDIA_TYPE,
  LEGACY_CHART_MEDIA_TYPE,
  formatOciReference,
  parseOciReference,
  tagForVersion,
  versionForTag,
  type OciReference,
} from "./reference.js";
import { chartVersionsOf, isExactVersion, pickVersion } from "./versions.js";

export interface OciPullOptions extends RegistryOptions {
  /** --version: a version (fetched as its tag) or a SemVer range (resolved against the tags). */
  version?: string;
  /** --devel: pre-releases too when no --version is given. */
  devel?: boolean;
  /** The cache folder (default registryCacheDir). */
  cacheDir?: string;
}

/** A chart pulled from a registry: the verified archive and where it came from. */
export interface PulledOciChart {
  /** What was fetched: oci://HOST/REPO:TAG@sha256:… */
  reference: OciReference;
  /** The chart version the tag stands for ("_" read back as "+"); undefined when pulled by digest only. */
  version?: string;
  manifestDigest: string;
  /** The chart layer's digest — the archive's sha256, as Chart.lock and helm's output give it. */
  chartDigest: string;
  bytes: Buffer;
  /** The archive in the cache (by digest). */
  path: string;
  provenance?: Buffer;
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
}

interface Manifest {
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: unknown[];
}

/** The tag an oci:// reference and --version name, resolved as helm's chart downloader does. */
async function resolveTag(
  client: RegistryClient,
  ref: OciReference,
  options: OciPullOptions,
): Promise<string> {
  const shown = formatOciReference({ host: ref.host, repository: ref.repository });
  if (ref.tag) {
    if (options.version && versionForTag(ref.tag) !== options.version)
      throw new RegistryError(
        `${formatOciReference(ref)} names tag ${ref.tag}, but --version asks for ${options.version}`,
      );
    return ref.tag;
  }
  if (options.version && isExactVersion(options.version)) return tagForVersion(options.version);
  const versions = chartVersionsOf(await client.tags(ref.repository));
  return tagForVersion(pickVersion(versions, options.version, options.devel === true, shown));
}

function checkChartManifest(
  manifest: Manifest,
  where: string,
): { chart: Descriptor; prov?: Descriptor } {
  if (manifest.manifests || /index|list/.test(manifest.mediaType ?? ""))
    throw new RegistryError(
      `${where} is an image index (a multi-platform image), not a Helm chart`,
    );
  const config = manifest.config?.mediaType;
  if (config !== HELM_CONFIG_MEDIA_TYPE)
    throw new RegistryError(
      `${where} is not a Helm chart: its config is ${config ?? "missing"}, not ${HELM_CONFIG_MEDIA_TYPE}`,
      { hint: "is it a container image? charts are pushed with `helm push` or `wheelhouse push`" },
    );
  const layers = manifest.layers ?? [];
  const chart = layers.find(
    (l) => l.mediaType === HELM_CHART_MEDIA_TYPE || l.mediaType === LEGACY_CHART_MEDIA_TYPE,
  );
  if (!chart?.digest || !/^sha256:[a-f0-9]{64}$/.test(chart.digest))
    throw new RegistryError(
      `${where} is not a Helm chart: it has no ${HELM_CHART_MEDIA_TYPE} layer`,
    );
  const prov = layers.find((l) => l.mediaType === HELM_PROV_MEDIA_TYPE);
  return { chart, ...(prov?.digest ? { prov } : {}) };
}

/**
 * Pulls a chart from an OCI registry: resolves the tag (exact version, range over the tags, the
 * reference's own tag or digest), fetches the manifest, checks that it is a Helm chart, and
 * fetches the chart layer — every byte checked against its sha256 and kept in the cache by
 * digest. A reference with a digest whose manifest and chart are cached needs no network.
 */
export async function pullOciChart(
  reference: string,
  options: OciPullOptions = {},
): Promise<PulledOciChart> {
  const ref = parseOciReference(reference);
  const cacheDir = registryCacheDir(options.env ?? process.env, options.cacheDir);
  let client: RegistryClient | undefined;
  const connect = async () => (client ??= await RegistryClient.create(ref.host, options));
  let tag: string | undefined;
  let manifestBytes = ref.digest ? await readCachedBlob(cacheDir, ref.digest) : undefined;
  let manifestDigest = ref.digest;
  if (!manifestBytes) {
    tag = ref.digest ? undefined : await resolveTag(await connect(), ref, options);
    const wanted = ref.digest ?? tag!;
    const got = await (await connect()).manifest(ref.repository, wanted);
    if (!got) {
      const where = formatOciReference({ host: ref.host, repository: ref.repository });
      throw new RegistryError(
        ref.digest ? `${where} has no manifest ${ref.digest}` : `${where} has no tag ${tag}`,
        {
          hint: `\`wheelhouse show chart ${where} --version RANGE\` picks from the versions it has`,
        },
      );
    }
    manifestBytes = got.bytes;
    manifestDigest = got.digest;
  }
  const where = formatOciReference({ ...ref, ...(tag ? { tag } : {}) });
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString("utf8")) as Manifest;
  } catch {
    throw new RegistryError(`${where}: the manifest is not JSON`);
  }
  const layers = checkChartManifest(manifest, where);
  // Only a manifest that proved to be a chart's is kept.
  await cachedBlob(cacheDir, manifestDigest!, () => Promise.resolve(manifestBytes));
  const chart = await cachedBlob(cacheDir, layers.chart.digest!, async () =>
    (await connect()).blob(ref.repository, layers.chart.digest!, MAX_UNPACKED_BYTES),
  );
  const provenance = layers.prov
    ? (
        await cachedBlob(cacheDir, layers.prov.digest!, async () =>
          (await connect()).blob(ref.repository, layers.prov!.digest!, 1 << 20),
        )
      ).bytes
    : undefined;
  return {
    reference: { ...ref, ...(tag ? { tag } : {}), digest: manifestDigest! },
    ...(tag || ref.tag ? { version: versionForTag((tag ?? ref.tag)!) } : {}),
    manifestDigest: manifestDigest!,
    chartDigest: layers.chart.digest!,
    bytes: chart.bytes,
    path: chart.path,
    ...(provenance ? { provenance } : {}),
  };
}

/** The chart versions a repository's tags hold, newest first (for dependency resolution and pickers). */
export async function listOciChartVersions(
  reference: string,
  options: RegistryOptions = {},
): Promise<string[]> {
  const ref = parseOciReference(reference);
  const client = await RegistryClient.create(ref.host, options);
  return chartVersionsOf(await client.tags(ref.repository));
}
