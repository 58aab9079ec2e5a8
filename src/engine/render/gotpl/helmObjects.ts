/**
 * The objects helm hands Go templates besides plain maps: `.Files` (a map type with methods),
 * `.Capabilities` (a struct with KubeVersion, APIVersions and HelmVersion), and the values map type
 * `common.Values`. Their shapes, method sets and the way fmt prints them follow helm 4.1.4
 * (pkg/engine/files.go, pkg/chart/common/capabilities.go, internal/version).
 */
import { posix } from "node:path";
import { sprint } from "../../gotemplate/fmt.js";
import { bytesToString } from "../../gotemplate/strconv.js";
import {
  GoObject,
  NO_FIELD,
  defineNamedMapType,
  goFunction,
  mapMethods,
  sliceMethods,
  typedMap,
  typedSlice,
  type GoFunction,
  type GoMap,
  type GoValue,
} from "../../gotemplate/value.js";
import { yamlFuncs } from "../../yaml/templateFuncs.js";
import { globMatcher } from "./glob.js";

/** The helm release wheelhouse follows: what `.Capabilities.HelmVersion` reports. */
export const HELM_BUILD_INFO = {
  version: "v4.1.4",
  gitCommit: "05fa37973dc9e42b76e1d2883494c87174b6074f",
  gitTreeState: "clean",
  goVersion: "go1.25.9",
  kubeClientVersion: "v1.35",
} as const;

/** helm 4.1.4's `helm template` Kubernetes version (client-go 0.35 + 1). */
export const HELM_DEFAULT_KUBE_VERSION = "v1.35.0";

/**
 * helm 4.1.4's default API versions (client-go's scheme, in its priority order): what
 * `.Capabilities.APIVersions` holds when no cluster is asked.
 */
export const HELM_DEFAULT_API_VERSIONS: readonly string[] = [
  "v1",
  "admissionregistration.k8s.io/v1",
  "admissionregistration.k8s.io/v1alpha1",
  "admissionregistration.k8s.io/v1beta1",
  "internal.apiserver.k8s.io/v1alpha1",
  "apps/v1",
  "apps/v1beta1",
  "apps/v1beta2",
  "authentication.k8s.io/v1",
  "authentication.k8s.io/v1alpha1",
  "authentication.k8s.io/v1beta1",
  "authorization.k8s.io/v1",
  "authorization.k8s.io/v1beta1",
  "autoscaling/v1",
  "autoscaling/v2",
  "autoscaling/v2beta1",
  "autoscaling/v2beta2",
  "batch/v1",
  "batch/v1beta1",
  "certificates.k8s.io/v1",
  "certificates.k8s.io/v1beta1",
  "certificates.k8s.io/v1alpha1",
  "coordination.k8s.io/v1alpha2",
  "coordination.k8s.io/v1beta1",
  "coordination.k8s.io/v1",
  "discovery.k8s.io/v1",
  "discovery.k8s.io/v1beta1",
  "events.k8s.io/v1",
  "events.k8s.io/v1beta1",
  "extensions/v1beta1",
  "flowcontrol.apiserver.k8s.io/v1",
  "flowcontrol.apiserver.k8s.io/v1beta1",
  "flowcontrol.apiserver.k8s.io/v1beta2",
  "flowcontrol.apiserver.k8s.io/v1beta3",
  "networking.k8s.io/v1",
  "networking.k8s.io/v1beta1",
  "node.k8s.io/v1",
  "node.k8s.io/v1alpha1",
  "node.k8s.io/v1beta1",
  "policy/v1",
  "policy/v1beta1",
  "rbac.authorization.k8s.io/v1",
  "rbac.authorization.k8s.io/v1beta1",
  "rbac.authorization.k8s.io/v1alpha1",
  "resource.k8s.io/v1",
  "resource.k8s.io/v1beta2",
  "resource.k8s.io/v1beta1",
  "resource.k8s.io/v1alpha3",
  "scheduling.k8s.io/v1alpha1",
  "scheduling.k8s.io/v1beta1",
  "scheduling.k8s.io/v1",
  "storage.k8s.io/v1beta1",
  "storage.k8s.io/v1",
  "storage.k8s.io/v1alpha1",
  "storagemigration.k8s.io/v1beta1",
  "apiextensions.k8s.io/v1beta1",
  "apiextensions.k8s.io/v1",
];

/** helm's toYaml (sigs.k8s.io/yaml), without the trailing newline. */
const toYamlString = (v: GoValue): string => yamlFuncs.toYaml!.fn(v) as string;

const FILES_TYPE = "engine.files";
const VALUES_TYPE = "common.Values";
const VERSION_SET_TYPE = "common.VersionSet";
defineNamedMapType(FILES_TYPE, "map[string][]uint8");
defineNamedMapType(VALUES_TYPE, "map[string]interface {}");

/** `.Files`: file name → bytes, with helm's methods. */
export function filesObject(files: ReadonlyArray<{ name: string; data: Uint8Array }>): GoMap {
  const map: GoMap = Object.create(null) as GoMap;
  for (const f of files) map[f.name] = f.data;
  return typedMap(map, FILES_TYPE);
}

function bytesOf(files: GoMap, name: GoValue): Uint8Array | undefined {
  const v = typeof name === "string" && Object.hasOwn(files, name) ? files[name] : undefined;
  return v instanceof Uint8Array ? v : undefined;
}

function baseToString(files: GoMap, encode: (data: Uint8Array) => string): string {
  const m: GoMap = {};
  for (const [name, data] of Object.entries(files)) {
    if (data instanceof Uint8Array) m[posix.basename(name)] = encode(data);
  }
  return toYamlString(typedMap(m, "map[string]string"));
}

mapMethods.set(FILES_TYPE, (files, name): GoFunction | undefined => {
  switch (name) {
    case "GetBytes":
      return goFunction("GetBytes", (n) => bytesOf(files, n) ?? new Uint8Array());
    case "Get":
      return goFunction("Get", (n) => {
        const data = bytesOf(files, n);
        return data ? bytesToString(data) : "";
      });
    case "Glob":
      return goFunction("Glob", (pattern) => {
        const match = globMatcher(typeof pattern === "string" ? pattern : "**");
        const out: GoMap = Object.create(null) as GoMap;
        for (const [n, data] of Object.entries(files)) if (match(n)) out[n] = data;
        return typedMap(out, FILES_TYPE);
      });
    case "AsConfig":
      return goFunction("AsConfig", () => baseToString(files, (d) => bytesToString(d)));
    case "AsSecrets":
      return goFunction("AsSecrets", () =>
        baseToString(files, (d) => Buffer.from(d).toString("base64")),
      );
    case "Lines":
      return goFunction("Lines", (n) => {
        const data = bytesOf(files, n);
        if (!data) return typedSlice([], "[]string");
        let s = bytesToString(data);
        // helm indexes the last byte unguarded; an empty file panics there. Treat it as no lines.
        if (s.endsWith("\n")) s = s.slice(0, -1);
        return typedSlice(s.split("\n"), "[]string");
      });
    default:
      return undefined;
  }
});

/** Marks a values map as helm's `common.Values` (printf %T, and its methods). */
export function valuesObject(values: GoMap): GoMap {
  return typedMap(values, VALUES_TYPE);
}

mapMethods.set(VALUES_TYPE, (values, name): GoFunction | undefined => {
  switch (name) {
    case "AsMap":
      return goFunction("AsMap", () => typedMap({ ...values }, "map[string]interface {}"));
    case "YAML":
      return goFunction("YAML", () => toYamlString(values) + "\n");
    default:
      return undefined;
  }
});

sliceMethods.set(VERSION_SET_TYPE, (set, name): GoFunction | undefined =>
  name === "Has" ? goFunction("Has", (v) => set.includes(v as string)) : undefined,
);

/** `.Capabilities.KubeVersion`: prints through its String() method. */
export class KubeVersionObject extends GoObject {
  readonly goType = "common.KubeVersion";
  constructor(
    readonly version: string,
    readonly normalized: string,
    readonly major: string,
    readonly minor: string,
  ) {
    super();
  }
  override field(name: string): GoValue | typeof NO_FIELD {
    if (name === "Version") return this.version;
    if (name === "Major") return this.major;
    if (name === "Minor") return this.minor;
    return NO_FIELD;
  }
  override method(name: string): GoFunction | undefined {
    if (name === "String") return goFunction("String", () => this.normalized);
    if (name === "GitVersion") return goFunction("GitVersion", () => this.version);
    return undefined;
  }
  format(): string {
    return this.normalized;
  }
  override toGo(): GoValue {
    return { Version: this.version, Major: this.major, Minor: this.minor };
  }
}

/** `.Capabilities.HelmVersion`: helm's version.BuildInfo. */
export class HelmVersionObject extends GoObject {
  readonly goType = "version.BuildInfo";
  override field(name: string): GoValue | typeof NO_FIELD {
    switch (name) {
      case "Version":
        return HELM_BUILD_INFO.version;
      case "GitCommit":
        return HELM_BUILD_INFO.gitCommit;
      case "GitTreeState":
        return HELM_BUILD_INFO.gitTreeState;
      case "GoVersion":
        return HELM_BUILD_INFO.goVersion;
      case "KubeClientVersion":
        return HELM_BUILD_INFO.kubeClientVersion;
      default:
        return NO_FIELD;
    }
  }
  format(): string {
    const b = HELM_BUILD_INFO;
    return `{${b.version} ${b.gitCommit} ${b.gitTreeState} ${b.goVersion} ${b.kubeClientVersion}}`;
  }
  override toGo(): GoValue {
    const b = HELM_BUILD_INFO;
    return {
      version: b.version,
      git_commit: b.gitCommit,
      git_tree_state: b.gitTreeState,
      go_version: b.goVersion,
      kube_client_version: b.kubeClientVersion,
    };
  }
}

/** `.Capabilities` (*common.Capabilities). */
export class CapabilitiesObject extends GoObject {
  readonly goType = "*common.Capabilities";
  readonly apiVersions: GoValue[];
  readonly helmVersion = new HelmVersionObject();
  constructor(
    readonly kubeVersion: KubeVersionObject,
    apiVersions: readonly string[],
  ) {
    super();
    this.apiVersions = typedSlice([...apiVersions], VERSION_SET_TYPE);
  }
  override field(name: string): GoValue | typeof NO_FIELD {
    if (name === "KubeVersion") return this.kubeVersion;
    if (name === "APIVersions") return this.apiVersions;
    if (name === "HelmVersion") return this.helmVersion;
    return NO_FIELD;
  }
  format(): string {
    const kv = this.kubeVersion;
    return `&{{${kv.version} ${kv.normalized} ${kv.major} ${kv.minor}} ${sprint(this.apiVersions)} ${this.helmVersion.format()}}`;
  }
  override toGo(): GoValue {
    return {
      KubeVersion: this.kubeVersion.toGo(),
      APIVersions: this.apiVersions,
      HelmVersion: this.helmVersion.toGo(),
    };
  }
}
