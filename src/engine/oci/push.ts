import { loadChartArchive } from "../chart/loadChart.js";
import { RegistryClient, type RegistryOptions } from "./client.js";
import { RegistryError } from "./errors.js";
import { helmArtifact } from "./helmManifest.js";
import {
  OCI_MANIFEST_MEDIA_TYPE,
  formatOciReference,
  parseOciReference,
  tagForVersion,
  type OciReference,
} from "./reference.js";

export interface PushResult {
  reference: OciReference;
  digest: string;
}

/**
 * `helm push CHART.tgz oci://HOST/PATH`: the chart goes to HOST/PATH/NAME, tagged with its version
 * ("+" as "_"), with the manifest, config and layers helm makes; blobs the registry has are skipped.
 */
export async function pushOciChart(
  archive: Buffer,
  source: string,
  remote: string,
  options: RegistryOptions & { provenance?: Buffer; created?: Date } = {},
): Promise<PushResult> {
  const chart = await loadChartArchive(archive, source);
  const { name, version } = chart.metadata;
  const base = remote.replace(/\/+$/, "");
  // The path after the host may hold no tag or digest: the tag is the chart's version.
  if (/^oci:\/\/[^/]+\/.*[:@]/i.test(base))
    throw new RegistryError(`${remote}: push takes oci://HOST/PATH without a tag or digest`, {
      hint: "the tag is the chart's version",
    });
  const probe = parseOciReference(`${base}/${name}`);
  const { host } = probe;
  const ref: OciReference = { host, repository: probe.repository, tag: tagForVersion(version) };
  const artifact = helmArtifact(
    chart.metadata,
    archive,
    options.provenance,
    options.created ?? new Date(),
  );
  const client = await RegistryClient.create(host, options);
  for (const blob of artifact.blobs)
    await client.uploadBlob(ref.repository, blob.digest, blob.bytes);
  const digest = await client.putManifest(
    ref.repository,
    ref.tag!,
    artifact.manifest,
    OCI_MANIFEST_MEDIA_TYPE,
  );
  return { reference: ref, digest };
}

export { formatOciReference };
