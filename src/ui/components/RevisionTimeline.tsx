import type { AppError } from "../../state/appTypes.js";
import React, { useRef } from "react";
import type { ReleaseRef, RevisionRow } from "../../state/backend.js";
import { age, fit, fitStart } from "../format.js";
import { statusColor, useTheme } from "../theme.js";
import { ErrorBox } from "./ErrorBox.js";
import { Pane, windowStart } from "./Pane.js";
import { Text } from "../text.js";

/** History of the selected release, newest last; ● marks the deployed revision, ◆ the marked one. */
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
}) {
  const theme = useTheme();
  const rowsHeight = Math.max(1, props.height - 4);
  const start = useRef(0);
  start.current = windowStart(start.current, props.cursor, rowsHeight, props.revisions.length);
  const inner = props.width - 2;
  const appWidth = inner >= 60 ? 9 : 0;
  // Who acted, when any revision says (docs/release-storage.md#who-and-why): a column where there
  // is room, else the start of the description.
  const byWidth = inner >= 80 && props.revisions.some((r) => r.by) ? 14 : 0;
  // The stored record's size (docs/release-storage.md#release-size), where there is room.
  const sizeWidth = inner >= 90 ? 9 : 0;
  const descWidth = Math.max(0, inner - 2 - 4 - 17 - 10 - appWidth - 5 - byWidth - sizeWidth);
  const title = props.release
    ? `History ${props.release.namespace}/${props.release.name}`
    : "History";
  return (
    <Pane title={title} focused={props.focused} height={props.height} width={props.width}>
      <Text bold color={theme.color("dim")} wrap="truncate">
        {"  " +
          fitStart("REV", 3) +
          " " +
          fit("STATUS", 17) +
          fit("CHART", 10) +
          fit("APP", appWidth) +
          fitStart("SIZE", sizeWidth - 1) +
          (sizeWidth > 0 ? " " : "") +
          fitStart("AGE", 4) +
          " " +
          fit("BY", byWidth) +
          fit("DESCRIPTION", descWidth)}
      </Text>
      {props.error ? (
        <ErrorBox error={props.error} retry />
      ) : !props.release ? (
        <Text color={theme.color("dim")}>Enter on a release shows its history</Text>
      ) : props.loading && props.revisions.length === 0 ? (
        <Text color={theme.color("dim")}>Loading history…</Text>
      ) : (
        props.revisions.slice(start.current, start.current + rowsHeight).map((r, i) => {
          const index = start.current + i;
          const selected = index === props.cursor;
          const mark = r.revision === props.marked ? "◆" : r.status === "deployed" ? "●" : " ";
          return (
            <Text
              key={r.revision}
              inverse={selected && props.focused}
              bold={selected}
              wrap="truncate"
            >
              {mark + " " + fitStart(String(r.revision), 3) + " "}
              <Text color={theme.color(statusColor(r.status))}>{fit(r.status, 17)}</Text>
              {fit(r.chartVersion, 10) +
                fit(r.appVersion, appWidth) +
                fitStart(
                  r.storedBytes === undefined ? "" : sizeLabel(r.storedBytes),
                  sizeWidth - 1,
                ) +
                (sizeWidth > 0 ? " " : "") +
                fitStart(age(r.updated, props.now), 4) +
                " " +
                (byWidth > 0 ? fit(r.by ?? "", byWidth - 1) + " " : "") +
                fit(
                  r.unreadable ? `unreadable: ${r.unreadable}` : described(r, byWidth === 0),
                  descWidth,
                )}
            </Text>
          );
        })
      )}
    </Pane>
  );
}

/** What happened, after who did it (when not in a column of its own) and the reason they gave. */
function described(r: RevisionRow, withWho: boolean): string {
  const why = r.reason ? `${JSON.stringify(r.reason)} ${r.description}` : r.description;
  return withWho && r.by ? `${r.by}: ${why}` : why;
}

/** "812K", "1.3M": a record's size in a narrow column. */
function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)}K`;
  return `${(bytes / (1024 * 1024)).toFixed(1)}M`;
}
