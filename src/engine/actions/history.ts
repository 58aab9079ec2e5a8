import type { StoredRevision } from "../storage/driver.js";
import type { ActionContext } from "./context.js";

/**
 * A release's revisions, oldest first, keeping the newest `max` (helm's
 * default 256, docs/release-storage.md#listing-and-history). Unreadable revisions stay in place,
 * with the reason. A browsing read (docs/release-storage.md#reads-by-purpose).
 */
export async function history(
  ctx: ActionContext,
  name: string,
  namespace: string,
  max = 256,
): Promise<StoredRevision[]> {
  const revisions = await ctx.storage.history(namespace, name, "browse");
  return max > 0 ? revisions.slice(-max) : revisions;
}
