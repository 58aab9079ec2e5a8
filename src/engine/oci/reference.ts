import { RegistryError } from "./errors.js";

/** The media types of a Helm chart in an OCI registry, as helm writes them (pkg/registry/constants.go). */
export const HELM_CONFIG_MEDIA_TYPE = "application/vnd.cncf.helm.config.v1+json";
export const HELM_CHART_MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
export const HELM_PROV_MEDIA_TYPE = "application/vnd.cncf.helm.chart.provenance.v1.prov";
/** The layer type of charts pushed by helm 3.0–3.6 (experimental OCI); helm still reads it. */
export const LEGACY_CHART_MEDIA_TYPE = "application/tar+gzip";
export const OCI_MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

/** `oci://HOST[:PORT]/PATH/CHART[:TAG][@sha256:HEX]`, split. */
export interface OciReference {
  /** HOST[:PORT], as written (the key credentials are stored under). */
  host: string;
  /** The repository path in the registry: PATH/CHART. */
  repository: string;
  tag?: string;
  digest?: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
// The distribution spec's grammar for repository names and tags.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

export function isOciReference(reference: string): boolean {
  return /^oci:\/\//i.test(reference);
}

/** Parses an oci:// reference; a malformed one is a one-line RegistryError saying which part is wrong. */
export function parseOciReference(reference: string): OciReference {
  if (!isOciReference(reference))
    throw new RegistryError(`"${reference}" is not an oci:// reference`);
  let rest = reference.slice("oci://".length);
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest))
      throw new RegistryError(
        `${reference}: "${digest}" is not a sha256 digest (sha256: and 64 lowercase hex digits)`,
      );
  }
  const slash = rest.indexOf("/");
  if (slash <= 0) throw new RegistryError(`${reference}: expected oci://HOST/PATH/CHART`);
  const host = rest.slice(0, slash);
  let path = rest.slice(slash + 1);
  let tag: string | undefined;
  const colon = path.lastIndexOf(":");
  if (colon >= 0) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (!TAG.test(tag)) throw new RegistryError(`${reference}: "${tag}" is not a valid tag`);
  }
  if (!/^[A-Za-z0-9.-]+(?::\d+)?$/.test(host) && !/^\[[0-9a-fA-F:]+\](?::\d+)?$/.test(host))
    throw new RegistryError(`${reference}: "${host}" is not a registry host`);
  const bad = path.split("/").find((part) => !PATH_COMPONENT.test(part));
  if (path === "" || bad !== undefined)
    throw new RegistryError(
      `${reference}: "${path}" is not a repository path (lowercase letters, digits and . _ - between slashes)`,
    );
  return { host, repository: path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** Back to text: oci://HOST/REPO[:TAG][@DIGEST]. */
export function formatOciReference(ref: OciReference, scheme = true): string {
  return `${scheme ? "oci://" : ""}${ref.host}/${ref.repository}${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
}

/** OCI tags cannot hold "+", so helm stores SemVer build metadata with "_" (helm#10166). */
export function tagForVersion(version: string): string {
  return version.replaceAll("+", "_");
}

export function versionForTag(tag: string): string {
  return tag.replaceAll("_", "+");
}
