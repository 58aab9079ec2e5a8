import type { AppError } from "../../state/appTypes.js";
import React, { useEffect, useRef } from "react";
import type { ReleaseRow } from "../../state/backend.js";
import { layoutColumns, type Column } from "../columns.js";
import { age } from "../format.js";
import { statusColor, useTheme } from "../theme.js";
import { ErrorBox } from "./ErrorBox.js";
import { Pane, windowStart } from "./Pane.js";
import { TableHeader, TableLine } from "./TableLine.js";
import { Text } from "../text.js";

/** The releases table's columns, left to right (../columns.ts). */
export const RELEASE_COLUMNS: Column<ReleaseRow>[] = [
  { title: "NAME", cell: (r) => r.name, min: 8, priority: 100 },
  { title: "NAMESPACE", cell: (r) => r.namespace, min: 6, priority: 80 },
  { title: "REV", cell: (r) => String(r.revision), align: "right", priority: 30 },
  { title: "STATUS", cell: (r) => r.status, priority: 90, color: (r) => statusColor(r.status) },
  // "…": the row's payload, which holds the chart, is being read.
  { title: "CHART", cell: (r) => (r.pending ? "…" : r.chart), min: 8, priority: 60 },
  { title: "APP VER", cell: (r) => r.appVersion, priority: 10 },
  { title: "AGE", cell: (r, now) => age(r.updated, now), align: "right", priority: 20 },
];

/** The releases table; only the rows in view are rendered, so 10,000 releases scroll. */
export function ReleasesTable(props: {
  releases: ReleaseRow[];
  cursor: number;
  focused: boolean;
  height: number;
  width?: number;
  innerWidth: number;
  showNamespace: boolean;
  filter: string;
  loading: boolean;
  error?: AppError;
  now: Date;
  /** Told which rows are on screen whenever that changes. */
  onShown?: (rows: ReleaseRow[]) => void;
}) {
  const theme = useTheme();
  const rowsHeight = Math.max(1, props.height - 4);
  const start = useRef(0);
  start.current = windowStart(start.current, props.cursor, rowsHeight, props.releases.length);
  const columns = props.showNamespace
    ? RELEASE_COLUMNS
    : RELEASE_COLUMNS.filter((c) => c.title !== "NAMESPACE");
  const layout = layoutColumns(columns, props.releases, props.innerWidth, props.now);
  const visible = props.releases.slice(start.current, start.current + rowsHeight);
  const shownKey = visible.map((r) => `${r.namespace}/${r.name}`).join(" ");
  const onShown = props.onShown;
  useEffect(() => {
    onShown?.(visible);
    // Only a different set of rows on screen is news; `visible` is a new array each render.
  }, [shownKey, onShown]);
  const title = `Releases${props.filter ? ` /${props.filter}` : ""}`;
  const position = props.releases.length ? `${props.cursor + 1}/${props.releases.length}` : "";
  return (
    <Pane
      title={title}
      right={position}
      focused={props.focused}
      height={props.height}
      width={props.width}
    >
      <TableHeader layout={layout} />
      {props.error ? (
        <ErrorBox error={props.error} retry />
      ) : props.loading && props.releases.length === 0 ? (
        <Text color={theme.color("dim")}>Loading releases…</Text>
      ) : props.releases.length === 0 ? (
        <Text color={theme.color("dim")}>
          {props.filter ? "No release matches the filter" : "No releases in this scope"}
        </Text>
      ) : (
        visible.map((r, i) => (
          <TableLine
            key={`${r.namespace}/${r.name}`}
            layout={layout}
            row={r}
            now={props.now}
            selected={start.current + i === props.cursor}
            focused={props.focused}
          />
        ))
      )}
    </Pane>
  );
}
