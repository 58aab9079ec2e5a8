import semver from "semver";
import { tryParseConstraint } from "../semver/index.js";
import { HelmYamlError, readHelmYaml } from "../yaml/index.js";
import { isValuesMap } from "../values/types.js";
import { ChartError } from "./errors.js";
import type { ChartDependency, ChartMetadata } from "./types.js";

const NAME_RULE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Parses and validates Chart.yaml (docs/chart-engine.md#chart-metadata). Unlike Helm,
 * which accepts Masterminds' lenient versions such as "1.0", wheelhouse
 * requires SemVer 2 as docs/chart-engine.md#chart-metadata states, and says so.
 */
export function parseChartYaml(
  text: string,
  where: { chart?: string; file: string },
  requirements?: unknown,
): ChartMetadata {
  let doc: unknown;
  try {
    // As helm reads it (sigs.k8s.io/yaml): YAML 1.1 typing, the first document only.
    doc = readHelmYaml(text, { source: "Chart.yaml" });
  } catch (err) {
    if (!(err instanceof HelmYamlError)) throw err;
    throw new ChartError(`Chart.yaml is not valid YAML: ${err.reason}`, {
      ...where,
      ...(err.line !== undefined ? { line: err.line } : {}),
    });
  }
  if (!isValuesMap(doc)) throw new ChartError("Chart.yaml must be a YAML map", where);
  const problems: string[] = [];
  const str = (key: string): string | undefined => {
    const value = doc[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    problems.push(`${key} must be a string`);
    return undefined;
  };

  // helm 2's charts may leave apiVersion out: helm reads them as v1, and so does wheelhouse.
  const apiVersion = str("apiVersion") || "v1";
  const name = str("name");
  const version = str("version");
  if (apiVersion !== "v1" && apiVersion !== "v2")
    problems.push(`apiVersion "${apiVersion}" is not supported (use v2)`);
  if (name === undefined || name === "") problems.push("name is required");
  else if (!NAME_RULE.test(name) || name === "." || name === "..")
    problems.push(`name "${name}" is invalid: use letters, digits, ".", "_" and "-"`);
  if (version === undefined || version === "") problems.push("version is required");
  else if (semver.valid(version) === null || version.startsWith("v"))
    problems.push(`version "${version}" is not a SemVer 2 version (e.g. 1.2.3)`);
  const type = str("type");
  if (type !== undefined && type !== "" && type !== "application" && type !== "library")
    problems.push(`type "${type}" must be application or library`);
  const kubeVersion = str("kubeVersion");
  // Ranges are Masterminds constraints, as helm checks them (">=1.21-0", ">= 1.22, < 1.30").
  if (
    kubeVersion !== undefined &&
    kubeVersion.trim() !== "" &&
    tryParseConstraint(kubeVersion) === undefined
  )
    problems.push(`kubeVersion "${kubeVersion}" is not a version range`);
  // A v1 chart's dependencies are in requirements.yaml (helm reads it into the same field).
  const dependencies = parseDependencies(
    isValuesMap(requirements) && requirements.dependencies !== undefined
      ? requirements.dependencies
      : doc.dependencies,
    problems,
  );

  if (problems.length > 0) {
    throw new ChartError(
      problems.length === 1 ? `Chart.yaml: ${problems[0]}` : "Chart.yaml is invalid",
      where,
      problems.length === 1 ? {} : { details: problems.map((p) => `  - ${p}`).join("\n") },
    );
  }

  const metadata: ChartMetadata = {
    ...(doc as object),
    apiVersion,
    name: name!,
    version: version!,
  };
  const appVersion = str("appVersion");
  if (appVersion !== undefined) metadata.appVersion = appVersion;
  if (type === "application" || type === "library") metadata.type = type;
  else delete metadata.type;
  if (dependencies.length > 0) metadata.dependencies = dependencies;
  return metadata;
}

function parseDependencies(raw: unknown, problems: string[]): ChartDependency[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push("dependencies must be a list");
    return [];
  }
  const seen = new Set<string>();
  const out: ChartDependency[] = [];
  raw.forEach((entry: unknown, i) => {
    if (!isValuesMap(entry) || typeof entry.name !== "string" || entry.name === "") {
      problems.push(`dependencies[${i}] needs a name`);
      return;
    }
    const dep = {
      ...entry,
      name: entry.name,
      repository: String(entry.repository ?? ""),
    } as ChartDependency;
    if (dep.version !== undefined) {
      dep.version = String(dep.version);
      if (dep.version.trim() !== "" && tryParseConstraint(dep.version) === undefined)
        problems.push(
          `dependencies[${i}] (${dep.name}): version "${dep.version}" is not a version range`,
        );
    }
    const key = dep.alias ?? dep.name;
    if (seen.has(key)) problems.push(`dependencies: "${key}" appears more than once (use alias)`);
    seen.add(key);
    out.push(dep);
  });
  return out;
}
