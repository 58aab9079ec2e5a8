/**
 * `lookup` answered from the cluster for a synchronous template evaluator. Templates evaluate
 * synchronously and the cluster answers asynchronously, so lookups are prefetched: each render
 * answers `lookup` from what has been read so far and notes the questions it could not answer
 * (giving them an empty map, and forgiving the render an error that may come of it); those are
 * read, and the chart is rendered again, until a render asks nothing new. A chart without
 * lookups renders once. Each question is read once per operation, straight from the API server
 * (a consistent read), so every render of one operation sees the same cluster; the reads are
 * kept so that a reviewed plan can check, before it is applied, that they still hold.
 */
import { mapConcurrent } from "../mapConcurrent.js";
import {
  LookupReadError,
  type ClusterReader,
  type JsonObject,
  type LookupQuery,
} from "../cluster/clusterReader.js";
import { FuncError } from "../gotemplate/funcs/types.js";
import { int64, type GoMap, type GoValue } from "../gotemplate/value.js";
import type { LookupFunction } from "../render/gotpl/helmFunctions.js";
import { ActionError } from "./errors.js";

/** More renders than any chart needs: each round answers lookups the previous one could not. */
export const MAX_LOOKUP_ROUNDS = 10;

/** What one `lookup` question got from the cluster. */
export type LookupAnswer = { object: JsonObject | undefined } | { error: string };

/** A question `lookup` asked and the cluster's answer, as the final render used it. */
export interface LookupRead {
  query: LookupQuery;
  answer: LookupAnswer;
}

/**
 * Runs `render` until it asks `lookup` nothing that has not been read. Exported for tests and
 * for renders other than a release's.
 */
export async function withLookups<T>(
  reader: ClusterReader,
  render: (lookup: LookupFunction) => T,
  maxRounds = MAX_LOOKUP_ROUNDS,
): Promise<{ result: T; reads: LookupRead[] }> {
  const answers = new Map<string, LookupRead>();
  let lastMisses: LookupQuery[] = [];
  for (let round = 0; round < maxRounds; round++) {
    const misses = new Map<string, LookupQuery>();
    const used = new Set<string>();
    const lookup: LookupFunction = (apiVersion, kind, namespace, name) => {
      const key = JSON.stringify([apiVersion, kind, namespace, name]);
      const read = answers.get(key);
      if (!read) {
        misses.set(key, { apiVersion, kind, namespace, name });
        return {};
      }
      used.add(key);
      if ("error" in read.answer) throw new FuncError(read.answer.error);
      return read.answer.object ? (unstructured(read.answer.object) as GoMap) : {};
    };
    let result: T | undefined;
    try {
      result = render(lookup);
    } catch (err) {
      // An empty map where an object will be may well fail a template; only the last render counts.
      if (misses.size === 0) throw err;
    }
    if (misses.size === 0) {
      return {
        result: result as T,
        reads: [...answers].filter(([k]) => used.has(k)).map(([, read]) => read),
      };
    }
    lastMisses = [...misses.values()];
    const fetched = await mapConcurrent(lastMisses, 8, async (query) => ({
      query,
      answer: await readAnswer(reader, query),
    }));
    for (const [i, key] of [...misses.keys()].entries()) answers.set(key, fetched[i]!);
  }
  throw new ActionError(
    `the chart's lookups did not settle after ${maxRounds} renders: every render asked for objects the previous one had not (last: ${lastMisses.map(describeQuery).join(", ")})`,
    {
      hint: "a lookup whose arguments change from render to render (e.g. random names) cannot be answered",
    },
  );
}

/** The cluster's answer, worded as helm's lookup reports it when it fails. */
export async function readAnswer(reader: ClusterReader, query: LookupQuery): Promise<LookupAnswer> {
  try {
    return { object: await reader.lookup(query) };
  } catch (err) {
    if (!(err instanceof LookupReadError)) throw err;
    return {
      error: err.resolving
        ? `unable to get apiresource from unstructured: ${gvkString(query)}: ${err.message}`
        : err.message,
    };
  }
}

/**
 * The lookups whose answer is no longer what a plan saw, named for a message. Objects compare by
 * resourceVersion (any write changes it), Lists by their items' names and resourceVersions.
 */
export async function changedLookups(
  reader: ClusterReader,
  reads: readonly LookupRead[],
): Promise<string[]> {
  const now = await mapConcurrent([...reads], 8, (read) => readAnswer(reader, read.query));
  return reads
    .filter((read, i) => fingerprint(read.answer) !== fingerprint(now[i]!))
    .map((read) => describeQuery(read.query));
}

function fingerprint(answer: LookupAnswer): string {
  if ("error" in answer) return `error:${answer.error}`;
  const o = answer.object;
  if (!o) return "absent";
  if (Array.isArray(o.items)) return JSON.stringify(o.items.map(itemVersion).sort());
  return itemVersion(o);
}

function itemVersion(item: unknown): string {
  const m = (item as { metadata?: Record<string, unknown> } | null)?.metadata ?? {};
  // Without a resourceVersion (not from an API server), the whole object is its version.
  const version = typeof m.resourceVersion === "string" ? m.resourceVersion : JSON.stringify(item);
  return `${String(m.namespace ?? "")}/${String(m.name ?? "")}@${version}`;
}

/** k8s schema.GroupVersionKind.String(): "apps/v1, Kind=Deployment", "/v1, Kind=Secret". */
function gvkString(query: LookupQuery): string {
  const parts = query.apiVersion.split("/");
  const [group, version] =
    parts.length === 1 ? ["", parts[0]!] : parts.length === 2 ? parts : ["", ""];
  return `${group}/${version}, Kind=${query.kind}`;
}

function describeQuery(q: LookupQuery): string {
  const where = q.namespace ? `${q.namespace}/` : "";
  return `${q.kind} ${where}${q.name || "*"} (${q.apiVersion})`;
}

/**
 * An API object as helm's lookup hands it to templates (unstructured JSON decoding): integers are
 * int64, other numbers float64, objects map[string]interface {}, arrays []interface {}. Built
 * afresh on every call, as every helm lookup decodes a fresh response.
 */
export function unstructured(json: unknown): GoValue {
  if (json === null || typeof json === "string" || typeof json === "boolean") return json;
  if (typeof json === "number") return Number.isInteger(json) ? int64(json) : json;
  if (Array.isArray(json)) return json.map(unstructured);
  if (typeof json === "object") {
    const map: GoMap = Object.create(null) as GoMap;
    for (const [k, v] of Object.entries(json)) map[k] = unstructured(v);
    return map;
  }
  return null;
}
