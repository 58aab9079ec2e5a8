/**
 * Charts in OCI registries, as helm 3.8+ and 4 keep them (docs/oci.md). The entry points:
 * pullOciChart (reference + version/range/digest → verified archive, digest, cache path),
 * listOciChartVersions (the versions a repository's tags hold), pushOciChart, and the
 * credential store helm shares.
 */
export {
  pullOciChart,
  listOciChartVersions,
  type OciPullOptions,
  type PulledOciChart,
} from "./pull.js";
export { pushOciChart, type PushResult } from "./push.js";
export { RegistryClient, type RegistryOptions } from "./client.js";
export {
  findCredential,
  storeCredential,
  removeCredential,
  registryConfigPath,
  dockerConfigPath,
  type Credential,
} from "./credentials.js";
export { registryCacheDir } from "./cache.js";
export { chartVersionsOf, pickVersion, isExactVersion } from "./versions.js";
export {
  isOciReference,
  parseOciReference,
  formatOciReference,
  tagForVersion,
  versionForTag,
  type OciReference,
} from "./reference.js";
export { RegistryError } from "./errors.js";
