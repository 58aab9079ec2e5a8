import { ActionError } from "./errors.js";
import type { ReleaseStatus } from "../release/types.js";
import { isUnreadable, type StoredRevision } from "../storage/driver.js";
import type { ActionContext } from "./context.js";

export interface ListOptions {
  /** undefined = every namespace (`-A`). */
  namespace?: string;
  /** A regular expression matched against release names (helm's --filter). */
  filter?: string;
  /**
   * Statuses to show; empty = every status (helm 4's default,
   * docs/release-storage.md#listing-and-history).
   */
  statuses?: ReleaseStatus[];
  sortBy?: "name" | "date";
  reverse?: boolean;
  /** At most this many (helm's default 256); 0 = all. */
  max?: number;
  offset?: number;
}

export interface ListResult {
  releases: StoredRevision[];
  /** How many matched before --max/--offset sliced them. */
  total: number;
}

/**
 * Lists releases as `helm list` does (docs/release-storage.md#listing-and-history): the latest
 * revision of each release, filtered by name and status, sorted, sliced by offset and max — but
 * reading only labels for everything and one payload per release. An undecodable release is listed
 * with its label status and the reason.
 */
export async function list(ctx: ActionContext, options: ListOptions = {}): Promise<ListResult> {
  let filter: RegExp | undefined;
  if (options.filter) {
    try {
      filter = new RegExp(options.filter);
    } catch (err) {
      throw new ActionError(
        `invalid --filter regular expression "${options.filter}": ${(err as Error).message}`,
      );
    }
  }
  // A list is for reading: from the watch cache (docs/release-storage.md#reads-by-purpose).
  const latest = await ctx.storage.listLatest(
    options.namespace === undefined ? {} : { namespace: options.namespace },
    "browse",
  );
  const statuses = new Set(options.statuses ?? []);
  const matching = latest.filter(
    (r) => (!filter || filter.test(r.name)) && (statuses.size === 0 || statuses.has(statusOf(r))),
  );
  matching.sort(options.sortBy === "date" ? byDate : byName);
  if (options.reverse) matching.reverse();
  const offset = options.offset ?? 0;
  const max = options.max ?? 256;
  const sliced = matching.slice(offset, max === 0 ? undefined : offset + max);
  return { releases: sliced, total: matching.length };
}

export function statusOf(r: StoredRevision): ReleaseStatus {
  return isUnreadable(r) ? r.status : r.info.status;
}

function byName(a: StoredRevision, b: StoredRevision): number {
  return a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace);
}

function byDate(a: StoredRevision, b: StoredRevision): number {
  return updatedAt(a) - updatedAt(b) || byName(a, b);
}

/** When a revision was last deployed (or, unreadable, last modified), in ms. */
export function updatedAt(r: StoredRevision): number {
  if (isUnreadable(r)) return (r.modifiedAt ?? 0) * 1000;
  const t = Date.parse(r.info.last_deployed);
  return Number.isNaN(t) ? 0 : t;
}
