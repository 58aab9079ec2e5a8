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
