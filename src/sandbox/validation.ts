/** Checks the real API server makes on a body: kind, unknown fields, immutability, CRDs. */
import { StatusError, badRequest, conflict, invalid } from "./errors.js";
import { deepEqual, isObject } from "./patch.js";
import { apiVersionOf } from "./identity.js";
import type { KObject, ObjectMeta, ResourceType, WriteOptions } from "./types.js";

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Kinds whose names follow path-segment rules instead of DNS subdomains. */
const FREE_NAMES = new Set(["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"]);

const META_FIELDS = new Set([
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
]);
const SPEC_STATUS = ["spec", "status"];
/** Top-level fields of the built-in kinds (besides apiVersion, kind and metadata). */
const TOP_FIELDS: Record<string, string[]> = {
  Secret: ["data", "stringData", "type", "immutable"],
  ConfigMap: ["data", "binaryData", "immutable"],
  ServiceAccount: ["secrets", "imagePullSecrets", "automountServiceAccountToken"],
  Endpoints: ["subsets"],
  Event: [
    "involvedObject",
    "reason",
    "message",
    "source",
    "firstTimestamp",
    "lastTimestamp",
    "count",
    "type",
    "eventTime",
    "series",
    "action",
    "related",
    "reportingComponent",
    "reportingInstance",
  ],
  Role: ["rules"],
  ClusterRole: ["rules", "aggregationRule"],
  RoleBinding: ["subjects", "roleRef"],
  ClusterRoleBinding: ["subjects", "roleRef"],
  SelfSubjectAccessReview: SPEC_STATUS,
  SelfSubjectRulesReview: SPEC_STATUS,
  SelfSubjectReview: ["status"],
};

/**
 * The real server decodes into typed objects and drops fields it does not know. Without
 * schemas the sandbox checks the top level and metadata of built-in kinds: unknown fields
 * are refused under fieldValidation=Strict, otherwise dropped (with a warning unless Ignore).
 */
export function pruneUnknown(
  t: ResourceType,
  version: string,
  obj: KObject,
  opts: WriteOptions,
): void {
  if (t.custom) return;
  const known = new Set(["apiVersion", "kind", "metadata", ...(TOP_FIELDS[t.kind] ?? SPEC_STATUS)]);
  const unknown: string[] = [];
  for (const k of Object.keys(obj)) {
    if (!known.has(k)) {
      unknown.push(k);
      delete obj[k];
    }
  }
  for (const k of Object.keys(obj.metadata)) {
    if (!META_FIELDS.has(k)) {
      unknown.push(`metadata.${k}`);
      delete obj.metadata[k];
    }
  }
  if (unknown.length === 0) return;
  const mode = (opts.fieldValidation ?? "Warn").toLowerCase();
  if (mode === "strict") {
    const detail =
      unknown.length === 1
        ? `unknown field "${unknown[0] ?? ""}"`
        : unknown.map((u) => `unknown field "${u}"`).join(", ");
    throw badRequest(
      `${t.kind} in version "${version}" cannot be handled as a ${t.kind}: strict decoding error: ${detail}`,
    );
  }
  if (mode !== "ignore") for (const u of unknown) opts.warnings?.push(`unknown field "${u}"`);
}

/** A body for another kind or version is refused, as the real server does. */
export function checkKind(t: ResourceType, version: string, obj: KObject): void {
  const expected = apiVersionOf(t.group, version);
  if (obj.apiVersion !== undefined && obj.apiVersion !== "" && obj.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${expected})`,
    );
  }
  if (obj.kind !== undefined && obj.kind !== "" && obj.kind !== t.kind) {
    throw badRequest(
      `the kind in the data (${String(obj.kind)}) does not match the expected kind (${t.kind})`,
    );
  }
}

/** A Secret or ConfigMap marked immutable keeps its data (and stays immutable). */
export function checkImmutable(t: ResourceType, current: KObject, next: KObject): void {
  if ((t.kind !== "Secret" && t.kind !== "ConfigMap") || current.immutable !== true) return;
  const name = current.metadata.name ?? "";
  const causes: Array<{ field: string; reason: string; message: string }> = [];
  if (next.immutable !== true) {
    causes.push({
      field: "immutable",
      reason: "FieldValueForbidden",
      message: "Forbidden: field is immutable when `immutable` is set",
    });
  }
  for (const f of t.kind === "Secret" ? ["data", "type"] : ["data", "binaryData"]) {
    if (!deepEqual(current[f], next[f])) {
      causes.push({
        field: f,
        reason: "FieldValueForbidden",
        message: "Forbidden: field is immutable when `immutable` is set",
      });
    }
  }
  if (causes.length > 0) throw invalid(t.kind, t.group, name, causes);
}

export function validateCrd(obj: KObject): void {
  const spec = isObject(obj.spec) ? obj.spec : {};
  const names = isObject(spec.names) ? spec.names : {};
  const name = obj.metadata.name ?? "";
  const causes: Array<{ field: string; reason: string; message: string }> = [];
  if (typeof spec.group !== "string" || spec.group === "")
    causes.push({ field: "spec.group", reason: "FieldValueRequired", message: "Required value" });
  if (typeof names.plural !== "string" || names.plural === "")
    causes.push({
      field: "spec.names.plural",
      reason: "FieldValueRequired",
      message: "Required value",
    });
  if (typeof names.kind !== "string" || names.kind === "")
    causes.push({
      field: "spec.names.kind",
      reason: "FieldValueRequired",
      message: "Required value",
    });
  if (causes.length === 0 && name !== `${String(names.plural)}.${String(spec.group)}`) {
    causes.push({
      field: "metadata.name",
      reason: "FieldValueInvalid",
      message: `Invalid value: "${name}": must be spec.names.plural+"."+spec.group`,
    });
  }
  if (!Array.isArray(spec.versions) || spec.versions.length === 0) {
    causes.push({
      field: "spec.versions",
      reason: "FieldValueInvalid",
      message: "Invalid value: []: must have exactly one version marked as storage version",
    });
  }
  if (causes.length > 0)
    throw invalid("CustomResourceDefinition", "apiextensions.k8s.io", name, causes);
}

/** A new object needs a name (given, or made from generateName), and a valid one for its kind. */
export function checkName(t: ResourceType, meta: ObjectMeta): string {
  if (meta.name === undefined || meta.name === "") {
    throw invalid(t.kind, t.group, "", [
      {
        field: "metadata.name",
        reason: "FieldValueRequired",
        message: "Required value: name or generateName is required",
      },
    ]);
  }
  const name = meta.name;
  if (!FREE_NAMES.has(t.kind) && (!SUBDOMAIN.test(name) || name.length > 253)) {
    throw invalid(t.kind, t.group, name, [
      {
        field: "metadata.name",
        reason: "FieldValueInvalid",
        message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      },
    ]);
  }
  return name;
}

/** A delete's preconditions: the object must still have the given uid and resourceVersion. */
export function checkPreconditions(
  t: ResourceType,
  current: KObject,
  pre: { uid?: string; resourceVersion?: string },
): void {
  const name = current.metadata.name ?? "";
  if (pre.uid !== undefined && pre.uid !== current.metadata.uid) {
    throw new StatusError(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${t.resource} "${name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${String(current.metadata.uid)}`,
      { name, group: t.group, kind: t.resource },
    );
  }
  if (
    pre.resourceVersion !== undefined &&
    pre.resourceVersion !== current.metadata.resourceVersion
  ) {
    throw conflict(t.resource, t.group, name);
  }
}
