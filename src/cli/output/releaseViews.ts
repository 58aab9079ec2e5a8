import { isUnreadable, type StoredRevision } from "../../engine/storage/driver.js";
import { ansic, goTimeString } from "./goTime.js";

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
}

/** CHART column: name-version, or helm's MISSING when the record has no chart. */
export function chartLabel(r: StoredRevision): string {
  if (isUnreadable(r)) return "UNREADABLE";
  const m = r.chart?.metadata;
  return m?.name ? `${m.name}-${m.version ?? ""}` : "MISSING";
}

export function appVersion(r: StoredRevision): string {
  return isUnreadable(r) ? "" : (r.chart?.metadata.appVersion ?? "");
}

function lastDeployed(r: StoredRevision): Date | undefined {
  if (isUnreadable(r)) return r.modifiedAt ? new Date(r.modifiedAt * 1000) : undefined;
  const t = Date.parse(r.info.last_deployed);
  return Number.isNaN(t) ? undefined : new Date(t);
}

export function listElement(r: StoredRevision): ListElement {
  const when = lastDeployed(r);
  return {
    name: r.name,
    namespace: r.namespace,
    revision: String(r.version),
    updated: when ? goTimeString(when) : "-",
    status: isUnreadable(r) ? r.status : r.info.status,
    chart: chartLabel(r),
    app_version: appVersion(r),
    ...(isUnreadable(r) ? { unreadable: r.unreadable } : {}),
  };
}

export function historyElement(r: StoredRevision): HistoryElement {
  const when = lastDeployed(r);
  return {
    revision: r.version,
    ...(when ? { updated: when.toISOString() } : {}),
    status: isUnreadable(r) ? r.status : r.info.status,
    chart: chartLabel(r),
    app_version: appVersion(r),
    description: isUnreadable(r) ? `unreadable: ${r.unreadable}` : r.info.description,
    ...(isUnreadable(r) ? { unreadable: r.unreadable } : {}),
  };
}

/** History table's UPDATED column, in helm's ANSIC format. */
export function historyUpdated(r: StoredRevision): string {
  const when = lastDeployed(r);
  return when ? ansic(when) : "-";
}
