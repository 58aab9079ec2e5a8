/**
 * Labels, annotations and data sizes as the real API server checks them. First the decoder:
 * labels and annotations are Go `map[string]string`, so anything else (an array, a number) is
 * refused before the object exists — 400 for a body, 422 naming `patch` for a patch's result,
 * 500 for an apply patch, as kube-apiserver v1.19 answers (a null value decodes as ""). Then
 * validation (422 Invalid): label keys and annotation keys are qualified names, label values
 * short names or empty, annotations at most 256 KiB in all, a Secret's or ConfigMap's data at
 * most 1 MiB. The wording is apimachinery's. An object stored without these checks once kept
 * real helm from listing its namespace.
 */
import { StatusError, invalid } from "./errors.js";
import { goFormat } from "./goValues.js";
import { isObject } from "./patch.js";
import type { KObject, ResourceType } from "./types.js";

type Cause = { field: string; reason: string; message: string };

/** Where an object came from, which decides how a decoding error is answered. */
export type Source = "body" | "patch" | "apply";

const MAPS = [
  ["labels", "Labels"],
  ["annotations", "Annotations"],
] as const;

/** The first character of a value's JSON, as Go's decoder names what it found. */
const found = (v: unknown): string => (JSON.stringify(v) ?? "u").charAt(0);

function decodeError(
  t: ResourceType,
  version: string,
  obj: KObject,
  source: Source,
  path: string,
  detail: { apply: string; json: string },
): StatusError {
  if (source === "apply") {
    return new StatusError(
      500,
      "",
      `failed to create typed patch object: ${path}: ${detail.apply}`,
    );
  }
  const prefix = t.custom ? "" : `${version}.${t.kind}.ObjectMeta: `;
  const message = `${prefix}${detail.json}`;
  if (source === "body") {
    return new StatusError(
      400,
      "BadRequest",
      `${t.kind} in version "${version}" cannot be handled as a ${t.kind}: ${message}`,
    );
  }
  const shown = `Invalid value: ${JSON.stringify(JSON.stringify(obj))}: ${message}`;
  return invalid("", "", "", [{ field: "patch", reason: "FieldValueInvalid", message: shown }]);
}

/**
 * Makes metadata.labels and metadata.annotations what Go decodes them to (null: absent; a null
 * value: ""), or throws the decoding error the real server answers with.
 */
export function decodeMetaMaps(
  t: ResourceType,
  version: string,
  obj: KObject,
  source: Source,
): void {
  const meta = obj.metadata as Record<string, unknown>;
  for (const [field, goName] of MAPS) {
    const value = meta[field];
    if (value === undefined) continue;
    if (value === null) {
      delete meta[field];
      continue;
    }
    if (!isObject(value)) {
      throw decodeError(t, version, obj, source, `.metadata.${field}`, {
        apply: `expected map, got &{${goFormat(value)}}`,
        json: `v1.ObjectMeta.${goName}: ReadMapCB: expect { or n, but found ${found(value)}`,
      });
    }
    for (const [k, v] of Object.entries(value)) {
      if (v === null) value[k] = "";
      else if (typeof v !== "string") {
        throw decodeError(t, version, obj, source, `.metadata.${field}.${k}`, {
          apply: `expected string, got &value.valueUnstructured{Value:${goFormat(v)}}`,
          json: `v1.ObjectMeta.${goName}: ReadString: expects " or n, but found ${found(v)}`,
        });
      }
    }
    // Go's omitempty: a written map left empty (`kubectl label … app-` on the last label) is
    // stored as absent, so no manager comes to own an empty map.
    if (source !== "apply" && Object.keys(value).length === 0) delete meta[field];
  }
}

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** apimachinery's RegexError: the rule, examples and the regex. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(" or ")}regex used for validation is '${fmt}')`;
}

const NAME_RULE = regexError(
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]",
  "MyName",
  "my.name",
  "123-abc",
);
const SUBDOMAIN_RULE = regexError(
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
  "example.com",
);
const VALUE_RULE = regexError(
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?",
  "MyValue",
  "my_value",
  "12345",
);

/** apimachinery's IsQualifiedName: `[prefix/]name`, the prefix a DNS subdomain. */
function qualifiedNameErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split("/");
  if (parts.length > 2) {
    return [
      `a qualified name ${NAME_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts[parts.length - 1] ?? "";
  if (parts.length === 2) {
    const prefix = parts[0] ?? "";
    if (prefix === "") errs.push("prefix part must be non-empty");
    else {
      if (prefix.length > 253) errs.push("prefix part must be no more than 253 characters");
      if (!SUBDOMAIN.test(prefix)) errs.push(`prefix part ${SUBDOMAIN_RULE}`);
    }
  }
  if (name === "") errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push("name part must be no more than 63 characters");
  if (!NAME_PART.test(name)) errs.push(`name part ${NAME_RULE}`);
  return errs;
}

function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push("must be no more than 63 characters");
  if (!LABEL_VALUE.test(value)) errs.push(VALUE_RULE);
  return errs;
}

const TOTAL_ANNOTATIONS = 256 * 1024;
const MAX_DATA = 1024 * 1024;

const invalidValue = (field: string, value: string, msg: string): Cause => ({
  field,
  reason: "FieldValueInvalid",
  message: `Invalid value: ${JSON.stringify(value)}: ${msg}`,
});
const tooLong = (field: string, max: number): Cause => ({
  field,
  reason: "FieldValueTooLong",
  message: `Too long: must have at most ${max} bytes`,
});

function metaCauses(obj: KObject): Cause[] {
  const causes: Cause[] = [];
  for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
    for (const msg of qualifiedNameErrors(k)) causes.push(invalidValue("metadata.labels", k, msg));
    for (const msg of labelValueErrors(v)) causes.push(invalidValue("metadata.labels", v, msg));
  }
  let size = 0;
  for (const [k, v] of Object.entries(obj.metadata.annotations ?? {})) {
    for (const msg of qualifiedNameErrors(k.toLowerCase())) {
      causes.push(invalidValue("metadata.annotations", k, msg));
    }
    size += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (size > TOTAL_ANNOTATIONS) causes.push(tooLong("metadata.annotations", TOTAL_ANNOTATIONS));
  return causes;
}

/** The bytes of a map's values, each base64 (decoded) or text. */
function dataSize(map: unknown, base64: boolean): number {
  if (!isObject(map)) return 0;
  let size = 0;
  for (const v of Object.values(map)) {
    if (typeof v === "string") size += Buffer.byteLength(v, base64 ? "base64" : "utf8");
  }
  return size;
}

function dataCauses(t: ResourceType, obj: KObject): Cause[] {
  if (t.custom || t.group !== "") return [];
  if (t.kind === "Secret" && dataSize(obj.data, true) > MAX_DATA)
    return [tooLong("data", MAX_DATA)];
  if (
    t.kind === "ConfigMap" &&
    dataSize(obj.data, false) + dataSize(obj.binaryData, true) > MAX_DATA
  ) {
    return [tooLong("[]", MAX_DATA)];
  }
  return [];
}

/** Throws the real server's 422 for invalid labels, annotations or oversized data. */
export function validateMeta(t: ResourceType, obj: KObject): void {
  const causes = [...metaCauses(obj), ...dataCauses(t, obj)];
  if (causes.length > 0) throw invalid(t.kind, t.group, obj.metadata.name ?? "", causes);
}
