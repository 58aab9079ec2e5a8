import type { ChartMetadata } from "../chart/types.js";
import type { Values } from "../values/types.js";

/** The release a chart is rendered for (`Release` in templates). */
export interface ReleaseInfo {
  name: string;
  namespace: string;
  revision: number;
  isInstall: boolean;
  isUpgrade: boolean;
}

export interface KubeVersion {
  /** e.g. "v1.31.0", or a cluster's gitVersion such as "v1.31.2-eks-abc" */
  version: string;
  major: string;
  minor: string;
  /**
   * What `.Capabilities.KubeVersion` prints: helm normalises a `--kube-version` ("v1.31.2") but
   * prints a cluster's gitVersion as the server gave it. Defaults to `version`.
   */
  normalized?: string;
}

/** What templates see when no cluster is asked (`template`, `lint`, offline diffs). */
export const DEFAULT_KUBE_VERSION: KubeVersion = { version: "v1.35.0", major: "1", minor: "35" };

export function kubeVersionFrom(gitVersion: string): KubeVersion {
  const match = /^v?(\d+)\.(\d+)/.exec(gitVersion);
  return { version: gitVersion, major: match?.[1] ?? "1", minor: match?.[2] ?? "0" };
}

/** Chart.yaml fields capitalised as Helm exposes them in `.Chart`. */
export function chartContext(metadata: ChartMetadata): Record<string, unknown> {
  const m = metadata;
  return {
    Name: m.name,
    Version: m.version,
    AppVersion: m.appVersion ?? "",
    Description: m.description ?? "",
    Type: m.type ?? "application",
    KubeVersion: m.kubeVersion ?? "",
    APIVersion: m.apiVersion,
    Home: m.home ?? "",
    Sources: m.sources ?? [],
    Keywords: m.keywords ?? [],
    Maintainers: m.maintainers ?? [],
    Icon: m.icon ?? "",
    Deprecated: m.deprecated ?? false,
    Annotations: m.annotations ?? {},
    Dependencies: m.dependencies ?? [],
    Condition: m.condition ?? "",
    Tags: m.tags ?? "",
  };
}

export function templateContext(input: {
  values: Values;
  release: ReleaseInfo;
  chart: ChartMetadata;
  kubeVersion: KubeVersion;
  templateName: string;
  basePath: string;
  files: Record<string, string>;
}): Record<string, unknown> {
  return {
    Values: input.values,
    Release: {
      Name: input.release.name,
      Namespace: input.release.namespace,
      Revision: input.release.revision,
      IsInstall: input.release.isInstall,
      IsUpgrade: input.release.isUpgrade,
      Service: "Helm",
    },
    Chart: chartContext(input.chart),
    Capabilities: {
      KubeVersion: {
        Version: input.kubeVersion.version,
        GitVersion: input.kubeVersion.version,
        Major: input.kubeVersion.major,
        Minor: input.kubeVersion.minor,
      },
    },
    Template: { Name: input.templateName, BasePath: input.basePath },
    Files: input.files,
  };
}
