import type { AppError } from "../../state/appTypes.js";
import React, { useRef } from "react";
import type { ReleaseRef, RevisionRow } from "../../state/backend.js";
import { layoutColumns, shownWidth, type Column } from "../columns.js";
import { age } from "../format.js";
import { statusColor, useTheme } from "../theme.js";
import { wrapLines } from "../wrapLines.js";
import { ErrorBox } from "./ErrorBox.js";
import { Pane, windowStart } from "./Pane.js";
import { TableHeader, TableLine } from "./TableLine.js";
import { Text } from "../text.js";

/** A history row and how the timeline marks it. */
export interface TimelineRow extends RevisionRow {
  /** ● the deployed revision, ◆ the marked one. */
  mark: string;
}

/** What happened, after the reason the user gave (docs/release-storage.md#who-and-why). */
function descriptionOf(r: RevisionRow): string {
  if (r.unreadable) return `unreadable: ${r.unreadable}`;
  return r.reason ? `${JSON.stringify(r.reason)} ${r.description}` : r.description;
}

/** "812K", "1.3M": a record's size (docs/release-storage.md#release-size) in a narrow column. */
function sizeLabel(bytes: number | undefined): string {
  if (bytes === undefined) return "";
  if (bytes < 1024) return `${bytes}B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)}K`;
  return `${(bytes / (1024 * 1024)).toFixed(1)}M`;
}

/** The history table's columns, left to right (../columns.ts). */
export const REVISION_COLUMNS: Column<TimelineRow>[] = [
  { title: "", cell: (r) => r.mark, priority: 95 },
  { title: "REV", cell: (r) => String(r.revision), align: "right", priority: 100 },
  { title: "STATUS", cell: (r) => r.status, priority: 90, color: (r) => statusColor(r.status) },
  { title: "CHART", cell: (r) => r.chartVersion, min: 8, priority: 40 },
  { title: "APP", cell: (r) => r.appVersion, priority: 10 },
  { title: "AGE", cell: (r, now) => age(r.updated, now), align: "right", priority: 20 },
  // Gives way first: the selected revision's is shown whole under the table.
  { title: "DESCRIPTION", cell: descriptionOf, min: 10, priority: 5, grow: true },
];

/**
 * History of the selected release, newest last. A description cut short in its row (a failed
 * upgrade's reason, usually) is shown whole under the table for the revision under the cursor:
 * that reason is what an operator reads in an incident.
 */
export function RevisionTimeline(props: {
  release?: ReleaseRef;
  revisions: RevisionRow[];
  cursor: number;
  marked?: number;
  focused: boolean;
  height: number;
  width: number;
  loading: boolean;
  error?: AppError;
  now: Date;
  /** The / filter the rows went through. */
  filter?: string;
}) {
  const theme = useTheme();
  const inner = props.width - 2;
  const rows: TimelineRow[] = props.revisions.map((r) => ({
    ...r,
    mark: r.revision === props.marked ? "◆" : r.status === "deployed" ? "●" : " ",
  }));
  const layout = layoutColumns(columnsFor(rows), rows, inner, props.now);
  const selected = rows[props.cursor];
  // Under the heading: the rows, then the note. The note may take all but the selected row: in
  // an incident, why a revision failed matters more than the revisions around it.
  const room = Math.max(1, props.height - 4);
  const note = selected ? noteOf(selected, layout.columns, inner, room - 1) : [];
  const rowsHeight = Math.max(1, Math.min(rows.length, room - note.length));
  const start = useRef(0);
  start.current = windowStart(start.current, props.cursor, rowsHeight, rows.length);
  const title =
    (props.release ? `History ${props.release.namespace}/${props.release.name}` : "History") +
    (props.filter ? ` /${props.filter}` : "");
  return (
    <Pane title={title} focused={props.focused} height={props.height} width={props.width}>
      <TableHeader layout={layout} />
      {props.error ? (
        <ErrorBox error={props.error} retry />
      ) : !props.release ? (
        <Text color={theme.color("dim")} wrap="truncate">
          Enter on a release shows its history
        </Text>
      ) : props.loading && rows.length === 0 ? (
        <Text color={theme.color("dim")}>Loading history…</Text>
      ) : (
        <>
          {rows.slice(start.current, start.current + rowsHeight).map((r, i) => (
            <TableLine
              key={r.revision}
              layout={layout}
              row={r}
              now={props.now}
              selected={start.current + i === props.cursor}
              focused={props.focused}
            />
          ))}
          {selected
            ? note.map((line, i) => (
                <Text
                  key={`note${i}`}
                  color={theme.color(statusColor(selected.status))}
                  wrap="truncate"
                >
                  {line}
                </Text>
              ))
            : null}
        </>
      )}
    </Pane>
  );
}

/** The selected revision's description, wrapped to the pane, when its row does not show it whole. */
function noteOf(
  row: TimelineRow,
  shown: { title: string; width: number }[],
  width: number,
  height: number,
): string[] {
  const text = descriptionOf(row);
  const column = shown.find((c) => c.title === "DESCRIPTION");
  if (text === "" || (column && shownWidth(text) <= column.width)) return [];
  const lines = wrapLines(`${row.revision}: ${text}`, width);
  if (lines.length <= height) return lines;
  if (height <= 0) return [];
  return [...lines.slice(0, height - 1), lines[height - 1]!.slice(0, width - 1) + "…"];
}

/** The stored record's size, before AGE, when known (docs/release-storage.md#release-size). */
const SIZE_COLUMN: Column<TimelineRow> = {
  title: "SIZE",
  cell: (r) => sizeLabel(r.storedBytes),
  align: "right",
  priority: 8,
};

/** Who acted, after AGE, when some revision says (docs/release-storage.md#who-and-why). */
const BY_COLUMN: Column<TimelineRow> = {
  title: "BY",
  cell: (r) => r.by ?? "",
  min: 6,
  priority: 15,
};

/** The columns, with SIZE and BY only where some revision has them. */
function columnsFor(rows: TimelineRow[]): Column<TimelineRow>[] {
  const columns = [...REVISION_COLUMNS];
  if (rows.some((r) => r.storedBytes !== undefined)) {
    columns.splice(
      columns.findIndex((c) => c.title === "AGE"),
      0,
      SIZE_COLUMN,
    );
  }
  if (rows.some((r) => r.by)) {
    columns.splice(
      columns.findIndex((c) => c.title === "DESCRIPTION"),
      0,
      BY_COLUMN,
    );
  }
  return columns;
}
