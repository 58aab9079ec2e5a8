/**
 * JSON merge patch (RFC 7386) and JSON patch (RFC 6902), the patch media types, and the value
 * helpers the sandbox shares. Strategic merge patch is strategicMerge.ts.
 */
import { StatusError, badRequest } from "./errors.js";
import { parseYaml } from "./yaml.js";

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * A key's value when the object has it itself. Keys in request bodies are data: `__proto__`,
 * `constructor` or `toString` name nothing inherited (Go maps on the real server have no
 * prototype), so keys taken from a request are read with this, never with `o[k]` alone.
 */
export function getOwn(o: Obj, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/**
 * Sets a key as the object's own property. `o["__proto__"] = v` would instead replace the
 * object's prototype (dropping the key, and making an object a later write reaches through to
 * pollute); the other keys are plain assignments, as no other inherited property has a setter.
 */
export function setOwn(o: Obj, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  } else o[key] = value;
}

export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const result: Obj = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else setOwn(result, k, mergePatch(getOwn(result, k), v));
  }
  return result;
}

interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw badRequest(`invalid JSON pointer: ${path}`);
  return path
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function unprocessable(message: string): StatusError {
  return new StatusError(422, "Invalid", message);
}

function resolveParent(
  doc: unknown,
  parts: string[],
  path: string,
): { parent: unknown; last: string } {
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    cur = child(cur, p);
    if (cur === undefined)
      throw unprocessable(
        `the server rejected our request due to an error in our request: doc is missing path: "${path}"`,
      );
  }
  return { parent: cur, last: parts[parts.length - 1] ?? "" };
}

/** A JSON pointer step: an array index, or a key the object has itself. */
function child(cur: unknown, p: string): unknown {
  if (Array.isArray(cur)) return cur[Number(p)];
  return isObject(cur) ? getOwn(cur, p) : undefined;
}

function getAt(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const p of pointer(path)) cur = child(cur, p);
  return cur;
}

function removeAt(doc: unknown, path: string): unknown {
  const parts = pointer(path);
  const { parent, last } = resolveParent(doc, parts, path);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!(i >= 0 && i < parent.length)) throw unprocessable(`doc is missing path: "${path}"`);
    return parent.splice(i, 1)[0];
  }
  if (isObject(parent) && Object.hasOwn(parent, last)) {
    const v = parent[last];
    delete parent[last];
    return v;
  }
  throw unprocessable(
    `the server rejected our request due to an error in our request: doc is missing path: "${path}"`,
  );
}

function addAt(doc: unknown, path: string, value: unknown, replace: boolean): unknown {
  const parts = pointer(path);
  if (parts.length === 0) return clone(value);
  const { parent, last } = resolveParent(doc, parts, path);
  if (Array.isArray(parent)) {
    const i = last === "-" ? parent.length : Number(last);
    if (!(i >= 0 && i <= parent.length)) throw unprocessable(`index out of range: "${path}"`);
    if (replace) parent[i] = clone(value);
    else parent.splice(i, 0, clone(value));
  } else if (isObject(parent)) {
    if (replace && !Object.hasOwn(parent, last)) {
      throw unprocessable(
        `the server rejected our request due to an error in our request: doc is missing key: "${path}"`,
      );
    }
    setOwn(parent, last, clone(value));
  } else throw unprocessable(`doc is missing path: "${path}"`);
  return doc;
}

export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest("json patch must be a list of operations");
  let doc = clone(target);
  for (const raw of ops as JsonPatchOp[]) {
    switch (raw.op) {
      case "add":
        doc = addAt(doc, raw.path, raw.value, false);
        break;
      case "replace":
        doc = addAt(doc, raw.path, raw.value, true);
        break;
      case "remove":
        removeAt(doc, raw.path);
        break;
      case "move": {
        const v = removeAt(doc, raw.from ?? "");
        doc = addAt(doc, raw.path, v, false);
        break;
      }
      case "copy":
        doc = addAt(doc, raw.path, getAt(doc, raw.from ?? ""), false);
        break;
      case "test":
        // A missing key tests equal to null, as on the real server.
        if (!deepEqual(getAt(doc, raw.path) ?? null, raw.value)) {
          throw unprocessable(
            `the server rejected our request due to an error in our request: testing value ${raw.path} failed`,
          );
        }
        break;
      default:
        throw badRequest(`Unexpected kind: ${String(raw.op)}`);
    }
  }
  return doc;
}

export const APPLY_PATCH = "application/apply-patch+yaml";
export const MERGE_PATCH = "application/merge-patch+json";
export const STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
export const JSON_PATCH = "application/json-patch+json";

/** The media type of a Content-Type header, without its parameters. */
export function mediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim();
}

/** A patch body: JSON, or YAML when `yaml` (an apply patch). */
export function decodePatch(raw: string, yaml = false): unknown {
  try {
    return yaml ? parseYaml(raw) : JSON.parse(raw);
  } catch (e) {
    throw badRequest(`error decoding patch: ${(e as Error).message}`);
  }
}
