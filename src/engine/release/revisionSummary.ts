import { isUnreadable, type StoredRevision } from "../storage/driver.js";
import { parseGoTime } from "./goTime.js";

/** CHART column: name-version, helm's MISSING when the record has no chart, or UNREADABLE. */
export function chartLabel(r: StoredRevision): string {
  if (isUnreadable(r)) return "UNREADABLE";
  const m = r.chart?.metadata;
  return m?.name ? `${m.name}-${m.version ?? ""}` : "MISSING";
}

export function appVersionOf(r: StoredRevision): string {
  return isUnreadable(r) ? "" : (r.chart?.metadata.appVersion ?? "");
}

/** When the revision was last deployed; for an unreadable one, when its record was written. */
export function lastDeployedAt(r: StoredRevision): Date | undefined {
  if (isUnreadable(r)) return r.modifiedAt ? new Date(r.modifiedAt * 1000) : undefined;
  return parseGoTime(r.info.last_deployed);
}
