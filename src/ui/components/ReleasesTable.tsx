import type { AppError } from "../../state/appTypes.js";
import React, { useEffect, useRef } from "react";
import type { ReleaseRow } from "../../state/backend.js";
import { age, fit, fitStart } from "../format.js";
import { statusColor, useTheme } from "../theme.js";
import { ErrorBox } from "./ErrorBox.js";
import { Pane, windowStart } from "./Pane.js";
import { Text } from "../text.js";

interface Column {
  title: string;
  width: number;
  cell: (r: ReleaseRow, now: Date) => string;
  right?: boolean;
}

function columns(width: number, showNamespace: boolean): Column[] {
  const cols: Column[] = [];
  const fixed = { rev: 4, status: 18, app: 10, age: 5 };
  const showApp = width >= 72;
  const nsWidth = showNamespace ? Math.min(16, Math.max(8, Math.floor(width * 0.15))) : 0;
  let rest = width - fixed.rev - fixed.status - fixed.age - (showApp ? fixed.app : 0) - nsWidth;
  const chartWidth = Math.max(8, Math.floor(rest * 0.45));
  rest -= chartWidth;
  cols.push({ title: "NAME", width: Math.max(6, rest), cell: (r) => r.name });
  if (showNamespace) cols.push({ title: "NAMESPACE", width: nsWidth, cell: (r) => r.namespace });
  cols.push({ title: "REV", width: fixed.rev, cell: (r) => String(r.revision), right: true });
  cols.push({ title: " STATUS", width: fixed.status, cell: (r) => ` ${r.status}` });
  // "…": the row's payload, which holds the chart, is being read.
  cols.push({ title: "CHART", width: chartWidth, cell: (r) => (r.pending ? "…" : r.chart) });
  if (showApp) cols.push({ title: "APP VER", width: fixed.app, cell: (r) => r.appVersion });
  cols.push({ title: "AGE", width: fixed.age, cell: (r, now) => age(r.updated, now), right: true });
  return cols;
}

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
  const cols = columns(props.innerWidth, props.showNamespace);
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        cols[i]!.right ? fitStart(c, cols[i]!.width - 1) + " " : fit(c, cols[i]!.width),
      )
      .join("");
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
      <Text bold color={theme.color("dim")} wrap="truncate">
        {line(cols.map((c) => c.title))}
      </Text>
      {props.error ? (
        <ErrorBox error={props.error} retry />
      ) : props.loading && props.releases.length === 0 ? (
        <Text color={theme.color("dim")}>Loading releases…</Text>
      ) : props.releases.length === 0 ? (
        <Text color={theme.color("dim")}>
          {props.filter ? "No release matches the filter" : "No releases in this scope"}
        </Text>
      ) : (
        visible.map((r, i) => {
          const index = start.current + i;
          const selected = index === props.cursor;
          const full = line(cols.map((c) => c.cell(r, props.now)));
          const statusAt = cols.findIndex((c) => c.title === " STATUS");
          const from = cols.slice(0, statusAt).reduce((n, c) => n + c.width, 0);
          const to = from + cols[statusAt]!.width;
          return (
            <Text
              key={`${r.namespace}/${r.name}`}
              inverse={selected && props.focused}
              bold={selected}
              wrap="truncate"
            >
              {full.slice(0, from)}
              <Text color={theme.color(statusColor(r.status))}>{full.slice(from, to)}</Text>
              {full.slice(to)}
            </Text>
          );
        })
      )}
    </Pane>
  );
}
