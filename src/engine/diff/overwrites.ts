import { isDeepStrictEqual } from "node:util";
import type { ApplyMethod } from "../release/types.js";
import type { LocatedDrift } from "./driftFields.js";
import { valueAtPath } from "./fieldOwners.js";

/**
 * What an upgrade or rollback does to one live change (docs/release-storage.md#drift-an-upgrade-overwrites):
 * `overwritten` — the manifest's value (or its removal) replaces it; `kept` — it survives;
 * `conflict` — server-side apply refuses it without --force-conflicts, failing the operation;
 * `deleted` — the new manifest drops the whole object.
 */
export type LiveChangeFate = "overwritten" | "kept" | "conflict" | "deleted";

export interface ApplyPolicy {
  method: ApplyMethod;
  /** --force-conflicts (server-side only). */
  force: boolean;
}

/**
 * The fate of a drifted field when `next` (undefined: dropped) replaces `previous` on the live
 * object, following the apply method:
 * - client-side apply (helm 3's three-way merge of previous, next and live): a field the next
 *   manifest sets to another value is overwritten, one the previous manifest set and the next
 *   drops is removed; a field neither manifest mentions survives;
 * - server-side apply: a field other managers own that the next manifest sets to another value is
 *   a conflict, taken over with --force-conflicts; a field only the release owns (or nobody) is
 *   set as the manifest says, or removed when the release stops applying it; others survive.
 */
export function fateOf(
  drift: LocatedDrift,
  previous: unknown,
  next: unknown,
  policy: ApplyPolicy,
): LiveChangeFate {
  if (next === undefined) return "deleted";
  const { field, steps } = drift;
  const wanted = valueAtPath(next, steps);
  // The live value: what drift compared against the manifest (absent when it was removed live).
  const sets = wanted !== undefined && !isDeepStrictEqual(wanted, drift.live);
  const drops =
    wanted === undefined &&
    valueAtPath(previous, steps) !== undefined &&
    field.change !== "removed";
  const others = field.managers.length > 0;
  if (policy.method === "ssa" && others) {
    if (!sets) return "kept";
    return policy.force ? "overwritten" : "conflict";
  }
  return sets || drops ? "overwritten" : "kept";
}
