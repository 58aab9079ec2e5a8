import { createHash } from "node:crypto";
import { tryParseConstraint, tryParseVersion } from "../semver/index.js";
import { HelmYamlError, readHelmYamlMap, toDisplayYaml } from "../yaml/index.js";
import { goSprintf, goString } from "./goFormat.js";

/**
 * Pure implementations of the Sprig/Go-template functions charts use, with
 * Helm's names and argument order (docs/chart-engine.md#handlebars-helpers). They know nothing of
 * Handlebars; renderHelpers.ts adapts them.
 */

/** Sprig's notion of empty: nil, "", 0, false, and empty lists and maps. */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.length === 0;
  if (typeof value === "number") return value === 0;
  if (typeof value === "boolean") return !value;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

function str(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  return goString(value);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * Block YAML with sorted keys and no trailing newline, as Helm's toYaml, in the display layout
 * (`- ` items indented under their key) and quoted for the manifest reader (YAML 1.2 core) that
 * reads it back; gotpl charts get helm's exact toYaml.
 */
export function toYaml(value: unknown): string {
  if (value === undefined) return "null";
  return toDisplayYaml(sortKeys(value), "manifest").replace(/\n$/, "");
}

export function toJson(value: unknown): string {
  return JSON.stringify(sortKeys(value ?? null));
}

/** Like Helm's fromYaml: a parse failure comes back as {Error: message}, not an exception. */
export function fromYaml(text: unknown): unknown {
  try {
    return readHelmYamlMap(str(text));
  } catch (err) {
    if (!(err instanceof HelmYamlError)) throw err;
    return { Error: err.message };
  }
}

export function indent(spaces: number, text: unknown): string {
  const pad = " ".repeat(Number(spaces));
  return pad + str(text).replace(/\n/g, `\n${pad}`);
}

export function nindent(spaces: number, text: unknown): string {
  return `\n${indent(spaces, text)}`;
}

/** Go's strconv.Quote of each non-nil argument, joined by spaces. */
export function quote(...values: unknown[]): string {
  return values
    .filter((v) => v !== undefined && v !== null)
    .map((v) => JSON.stringify(str(v)))
    .join(" ");
}

export function squote(...values: unknown[]): string {
  return values
    .filter((v) => v !== undefined && v !== null)
    .map((v) => `'${str(v)}'`)
    .join(" ");
}

export function defaultTo(fallback: unknown, ...given: unknown[]): unknown {
  if (given.length === 0 || isEmpty(given[0])) return fallback;
  return given[0];
}

export class RequiredValueError extends Error {}

/** Helm's `required`: fails on nil and on the empty string only. */
export function required(message: unknown, value: unknown): unknown {
  if (value === undefined || value === null || value === "")
    throw new RequiredValueError(str(message));
  return value;
}

export function b64enc(text: unknown): string {
  return Buffer.from(str(text), "utf8").toString("base64");
}

export function b64dec(text: unknown): string {
  return Buffer.from(str(text), "base64").toString("utf8");
}

export function sha256sum(text: unknown): string {
  return createHash("sha256").update(str(text)).digest("hex");
}

/** Sprig trunc: a negative count keeps the end of the string. */
export function trunc(count: number, text: unknown): string {
  const s = str(text);
  const n = Number(count);
  if (n < 0 && s.length + n > 0) return s.slice(s.length + n);
  if (n >= 0 && s.length > n) return s.slice(0, n);
  return s;
}

export const trim = (text: unknown): string => str(text).trim();
export const trimPrefix = (prefix: unknown, text: unknown): string => {
  const s = str(text);
  const p = str(prefix);
  return p && s.startsWith(p) ? s.slice(p.length) : s;
};
export const trimSuffix = (suffix: unknown, text: unknown): string => {
  const s = str(text);
  const p = str(suffix);
  return p && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
};
export const upper = (text: unknown): string => str(text).toUpperCase();
export const lower = (text: unknown): string => str(text).toLowerCase();
export const title = (text: unknown): string =>
  str(text).replace(
    /(^|[^\p{L}\p{N}'])(\p{L})/gu,
    (_m, sep: string, c: string) => sep + c.toUpperCase(),
  );
export const replace = (from: unknown, to: unknown, text: unknown): string =>
  str(text).split(str(from)).join(str(to));
export const contains = (sub: unknown, text: unknown): boolean => str(text).includes(str(sub));
export const hasPrefix = (prefix: unknown, text: unknown): boolean =>
  str(text).startsWith(str(prefix));
export const hasSuffix = (suffix: unknown, text: unknown): boolean =>
  str(text).endsWith(str(suffix));

function same(a: unknown, b: unknown): boolean {
  if (typeof a === "object" || typeof b === "object")
    return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/** Go's eq: true when the first argument equals any of the others. */
export const eq = (first: unknown, ...others: unknown[]): boolean =>
  others.some((o) => same(first, o));
export const ne = (a: unknown, b: unknown): boolean => !same(a, b);

function ordered(a: unknown, b: unknown, name: string): [number | string, number | string] {
  if (typeof a === "number" && typeof b === "number") return [a, b];
  if (typeof a === "string" && typeof b === "string") return [a, b];
  throw new Error(`${name}: cannot compare ${goString(a)} with ${goString(b)}`);
}
export const lt = (a: unknown, b: unknown): boolean => {
  const [x, y] = ordered(a, b, "lt");
  return x < y;
};
export const le = (a: unknown, b: unknown): boolean => {
  const [x, y] = ordered(a, b, "le");
  return x <= y;
};
export const gt = (a: unknown, b: unknown): boolean => {
  const [x, y] = ordered(a, b, "gt");
  return x > y;
};
export const ge = (a: unknown, b: unknown): boolean => {
  const [x, y] = ordered(a, b, "ge");
  return x >= y;
};

/** Go's and: the first empty argument, or the last one. */
export const and = (...values: unknown[]): unknown =>
  values.find((v) => isEmpty(v)) ?? values.at(-1);
/** Go's or: the first non-empty argument, or the last one. */
export const or = (...values: unknown[]): unknown => {
  const found = values.find((v) => !isEmpty(v));
  return found === undefined ? values.at(-1) : found;
};
export const not = (value: unknown): boolean => isEmpty(value);
export const empty = (value: unknown): boolean => isEmpty(value);
export const coalesce = (...values: unknown[]): unknown => values.find((v) => !isEmpty(v)) ?? null;
export const list = (...values: unknown[]): unknown[] => values;

export function dict(...pairs: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < pairs.length; i += 2) out[str(pairs[i])] = pairs[i + 1] ?? "";
  return out;
}

export const printf = (format: unknown, ...args: unknown[]): string => goSprintf(str(format), args);

export function join(separator: unknown, values: unknown): string {
  if (Array.isArray(values)) return values.map(str).join(str(separator));
  return str(values);
}

/** Sprig's split returns a map keyed _0, _1, …; chart authors index it that way. */
export function split(separator: unknown, text: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  str(text)
    .split(str(separator))
    .forEach((part, i) => (out[`_${i}`] = part));
  return out;
}

/** sprig's semverCompare over Masterminds semver v3, as the Go-template engine's. */
export function semverCompare(constraint: unknown, version: unknown): boolean {
  const range = str(constraint);
  const c = tryParseConstraint(range);
  if (!c) throw new Error(`semverCompare: "${range}" is not a version constraint`);
  const v = tryParseVersion(str(version));
  if (!v) throw new Error(`semverCompare: "${str(version)}" is not a version`);
  return c.check(v);
}
