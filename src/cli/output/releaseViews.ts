import { statusOf } from "../../engine/actions/list.js";
import { parseDescription } from "../../engine/release/attribution.js";
import { appVersionOf, chartLabel, lastDeployedAt } from "../../engine/release/revisionSummary.js";
import { isUnreadable, type StoredRevision } from "../../engine/storage/driver.js";
import { ansic, goTimeString, goTimeStringOf } from "./goTime.js";

/** `helm list -o json` element; field names and string revision as helm writes them. */
export interface ListElement {
  name: string;
  namespace: string;
  revision: string;
  updated: string;
  status: string;
  chart: string;
  app_version: string;
  /** wheelhouse only: why the record could not be read. */
  unreadable?: string;
}

/** `helm history -o json` element. */
export interface HistoryElement {
  revision: number;
  updated?: string;
  status: string;
  chart: string;
  app_version: string;
  description: string;
  unreadable?: string;
  /** wheelhouse only: who acted and why, read back out of `description` (docs/release-storage.md#who-and-why). */
  by?: string;
  reason?: string;
}

export function listElement(r: StoredRevision): ListElement {
  const when = lastDeployedAt(r);
  return {
    name: r.name,
    namespace: r.namespace,
    revision: String(r.version),
    updated: when
      ? (!isUnreadable(r) && goTimeStringOf(r.info.last_deployed)) || goTimeString(when)
      : "-",
    status: statusOf(r),
    chart: chartLabel(r),
    app_version: appVersionOf(r),
    ...(isUnreadable(r) ? { unreadable: r.unreadable } : {}),
  };
}

export function historyElement(r: StoredRevision): HistoryElement {
  const when = lastDeployedAt(r);
  return {
    revision: r.version,
    ...(when ? { updated: when.toISOString() } : {}),
    status: statusOf(r),
    chart: chartLabel(r),
    app_version: appVersionOf(r),
    description: isUnreadable(r) ? `unreadable: ${r.unreadable}` : r.info.description,
    ...(isUnreadable(r) ? { unreadable: r.unreadable } : {}),
    ...(isUnreadable(r) ? {} : attributionOf(r.info.description)),
  };
}

/** Who and why, when the description is in wheelhouse's format; nothing otherwise. */
function attributionOf(description: string): Pick<HistoryElement, "by" | "reason"> {
  const { by, reason } = parseDescription(description);
  return { ...(by !== undefined ? { by } : {}), ...(reason !== undefined ? { reason } : {}) };
}

/** History table's UPDATED column, in helm's ANSIC format. */
export function historyUpdated(r: StoredRevision): string {
  const when = lastDeployedAt(r);
  return when ? ansic(when) : "-";
}
