/** Label selectors (=, ==, !=, in, notin, key, !key) and field selectors. */
import { badRequest } from "./errors.js";
import type { KObject } from "./types.js";

export type Requirement =
  | { key: string; op: "eq" | "neq"; value: string }
  | { key: string; op: "in" | "notin"; values: string[] }
  | { key: string; op: "exists" | "notexists" };

/** Splits on commas that are not inside parentheses. */
function splitTerms(input: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of input) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      terms.push(current);
      current = "";
    } else current += ch;
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter((t) => t !== "");
}

export function parseLabelSelector(input: string | null | undefined): Requirement[] {
  if (input === null || input === undefined || input.trim() === "") return [];
  return splitTerms(input).map((term) => {
    let m = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (m !== null) {
      const values = (m[3] ?? "")
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v !== "");
      return { key: m[1] ?? "", op: m[2] as "in" | "notin", values };
    }
    m = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(term);
    if (m !== null) {
      return { key: m[1] ?? "", op: m[2] === "!=" ? "neq" : "eq", value: m[3] ?? "" };
    }
    m = /^(!?)\s*([^\s!=(),]+)$/.exec(term);
    if (m !== null) return { key: m[2] ?? "", op: m[1] === "!" ? "notexists" : "exists" };
    throw badRequest(`unable to parse requirement: found '${term}', expected: identifier`);
  });
}

export function matchesLabels(
  reqs: Requirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case "eq":
        return has && v === r.value;
      case "neq":
        return !has || v !== r.value;
      case "in":
        return has && r.values.includes(v ?? "");
      case "notin":
        return !has || !r.values.includes(v ?? "");
      case "exists":
        return has;
      case "notexists":
        return !has;
    }
  });
}

export interface FieldRequirement {
  field: string;
  negate: boolean;
  value: string;
}

const FIELDS_ALWAYS = ["metadata.name", "metadata.namespace"];
const FIELDS_BY_KIND: Record<string, string[]> = {
  Secret: ["type"],
  Pod: [
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "status.phase",
    "status.podIP",
    "status.nominatedNodeName",
  ],
  Event: [
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.uid",
    "involvedObject.apiVersion",
    "involvedObject.resourceVersion",
    "involvedObject.fieldPath",
    "reason",
    "reportingComponent",
    "source",
    "type",
  ],
  Namespace: ["status.phase"],
  Job: ["status.successful"],
  ReplicaSet: ["status.replicas"],
};

export function parseFieldSelector(
  input: string | null | undefined,
  kind: string,
): FieldRequirement[] {
  if (input === null || input === undefined || input.trim() === "") return [];
  return splitTerms(input).map((term) => {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (m === null) throw badRequest(`invalid selector: '${input}'; can't understand '${term}'`);
    const field = (m[1] ?? "").trim();
    if (!FIELDS_ALWAYS.includes(field) && !(FIELDS_BY_KIND[kind] ?? []).includes(field)) {
      throw badRequest(
        `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
      );
    }
    return { field, negate: m[2] === "!=", value: (m[3] ?? "").trim() };
  });
}

function fieldValue(obj: KObject, path: string): string {
  if (path === "status.successful") {
    return String(
      ((obj.status as Record<string, unknown> | undefined)?.succeeded as number | undefined) ?? 0,
    );
  }
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return "";
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return "";
  if (typeof cur === "object") return JSON.stringify(cur);
  return String(cur);
}

export function matchesFields(reqs: FieldRequirement[], obj: KObject): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) !== r.negate);
}
