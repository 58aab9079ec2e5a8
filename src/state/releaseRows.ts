import { statusOf } from "../engine/actions/list.js";
import { parseDescription } from "../engine/release/attribution.js";
import type { RevisionRef } from "../engine/release/types.js";
import { appVersionOf, chartLabel, lastDeployedAt } from "../engine/release/revisionSummary.js";
import { isUnreadable, type StoredRevision } from "../engine/storage/driver.js";
import type { ReleaseRow, RevisionRow } from "./backend.js";

/** A release's row from its latest revision, payload decoded. */
export function releaseRow(r: StoredRevision): ReleaseRow {
  const when = lastDeployedAt(r);
  return {
    name: r.name,
    namespace: r.namespace,
    revision: r.version,
    status: statusOf(r),
    chart: chartLabel(r),
    appVersion: appVersionOf(r),
    ...(when ? { updated: when } : {}),
    description: isUnreadable(r) ? `unreadable: ${r.unreadable}` : r.info.description,
    ...(isUnreadable(r) ? { unreadable: r.unreadable } : {}),
  };
}

/**
 * A release's row from its latest record's labels alone: name, revision,
 * status and when the record was written. Chart, app version and
 * description are in the payload, read once the row is on screen.
 */
export function pendingRow(ref: RevisionRef): ReleaseRow {
  return {
    name: ref.name,
    namespace: ref.namespace,
    revision: ref.version,
    status: ref.status,
    chart: "",
    appVersion: "",
    ...(ref.modifiedAt ? { updated: new Date(ref.modifiedAt * 1000) } : {}),
    description: "",
    pending: true,
  };
}

export function revisionRow(r: StoredRevision): RevisionRow {
  const row = releaseRow(r);
  // Who and why come out of the description when it is in wheelhouse's format
  // (docs/release-storage.md#who-and-why); the row keeps what happened as its description.
  const told = row.unreadable ? { text: row.description } : parseDescription(row.description);
  return {
    revision: row.revision,
    status: row.status,
    chartVersion: row.chart,
    appVersion: row.appVersion,
    ...(row.updated ? { updated: row.updated } : {}),
    description: told.text,
    ...(told.by !== undefined ? { by: told.by } : {}),
    ...(told.reason !== undefined ? { reason: told.reason } : {}),
    ...(!isUnreadable(r) && r.storedBytes !== undefined ? { storedBytes: r.storedBytes } : {}),
    ...(row.unreadable ? { unreadable: row.unreadable } : {}),
  };
}
