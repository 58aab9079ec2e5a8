/** What the server records about writes: who made them, the generation, whether anything changed. */
import { clone, deepEqual } from "./patch.js";
import type { KObject, ResourceType, WriteOptions } from "./types.js";

/** Kinds without metadata.generation (they have no spec to track). */
const NO_GENERATION = new Set([
  "Namespace",
  "Secret",
  "ConfigMap",
  "ServiceAccount",
  "Event",
  "Endpoints",
  "Role",
  "RoleBinding",
  "ClusterRole",
  "ClusterRoleBinding",
]);

export function hasGeneration(t: ResourceType): boolean {
  return t.custom || !NO_GENERATION.has(t.kind);
}

/** The field manager of a write: the one asked for, else the client's name from its User-Agent. */
export function managerFor(opts: WriteOptions): string {
  if (opts.fieldManager !== undefined && opts.fieldManager !== "") return opts.fieldManager;
  const ua = opts.userAgent ?? "";
  const prefix = ua.split("/")[0] ?? "";
  return prefix === "" ? "unknown" : prefix;
}

/** Everything but metadata and status: a change here bumps metadata.generation. */
function specOf(obj: KObject): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...obj };
  delete rest.metadata;
  delete rest.status;
  delete rest.apiVersion;
  delete rest.kind;
  return rest;
}

/** The generation after writing `next` over `current` (which has one). */
export function nextGeneration(current: KObject, next: KObject, generation: number): number {
  return deepEqual(specOf(current), specOf(next)) ? generation : generation + 1;
}

/** True when a write changes nothing but managedFields timestamps: it is not stored. */
export function unchanged(current: KObject, next: KObject): boolean {
  return deepEqual(withoutTimes(current), withoutTimes(next));
}

function withoutTimes(obj: KObject): unknown {
  const c = clone(obj);
  for (const m of c.metadata.managedFields ?? []) m.time = "";
  return c;
}
