import type { ResourceRow } from "../../state/backend.js";
import type { Column } from "../columns.js";

/** The status view's columns, left to right (../columns.ts): one row per resource of the release. */
export const RESOURCE_COLUMNS: Column<ResourceRow>[] = [
  { title: "STATE", cell: (r) => r.state, priority: 100 },
  { title: "KIND", cell: (r) => r.kind, min: 6, priority: 60 },
  {
    title: "NAME",
    cell: (r) => `${r.namespace ? `${r.namespace}/` : ""}${r.name}`,
    min: 12,
    priority: 90,
  },
  { title: "MESSAGE", cell: (r) => r.message, min: 8, priority: 50, grow: true },
];

/**
 * Fields changed live, from managedFields (docs/release-storage.md#drift); `f` lists them. Shown
 * only while some resource has drift, before MESSAGE.
 */
const DRIFT: Column<ResourceRow> = {
  title: "DRIFT",
  cell: (r) => {
    const n = r.drift?.length ?? 0;
    return n === 0 ? "" : `${n} field${n === 1 ? "" : "s"}`;
  },
  priority: 80,
};

/** The status view's columns for these rows. */
export function resourceColumns(rows: ResourceRow[]): Column<ResourceRow>[] {
  if (!rows.some((r) => r.drift?.length)) return RESOURCE_COLUMNS;
  return [...RESOURCE_COLUMNS.slice(0, -1), DRIFT, ...RESOURCE_COLUMNS.slice(-1)];
}
