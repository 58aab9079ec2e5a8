import { Box } from "ink";
import React, { useMemo } from "react";
import type { DiffLine } from "../../engine/diff/types.js";
import type { DiffPair } from "../../state/backend.js";
import { diffRows, type DiffRow } from "../diffRows.js";
import { fit } from "../format.js";
import { useTheme, type ColorName } from "../theme.js";
import { resourceAt, type ViewerMetrics, type ViewerState } from "../viewer.js";
import { Text } from "../text.js";

const OP_COLOR: Record<DiffLine["op"], ColorName | undefined> = {
  add: "added",
  remove: "removed",
  context: undefined,
};
const OP_SIGN: Record<DiffLine["op"], string> = { add: "+", remove: "-", context: " " };

/**
 * A coloured diff grouped by resource: a heading per changed resource (n/N jump
 * between them), unified or side by side, Secret values masked until x.
 */
export function DiffViewer(props: {
  pair: DiffPair;
  viewer: ViewerState;
  height: number;
  width: number;
  wide: boolean;
  onMetrics: (m: ViewerMetrics) => void;
}) {
  const theme = useTheme();
  const diff = props.viewer.reveal ? props.pair.revealed : props.pair.masked;
  const sideBySide = props.viewer.sideBySide && props.wide;
  const { rows, resourceStarts } = useMemo(
    () => diffRows(diff, { context: props.viewer.context, sideBySide }),
    [diff, props.viewer.context, sideBySide],
  );
  // Two header lines: the counts, then the resource the view is in (a sticky heading).
  const page = Math.max(1, props.height - 2);
  const maxScroll = Math.max(0, rows.length - page);
  const scroll = Math.min(props.viewer.scroll, maxScroll);
  const chosen = props.viewer.resource;
  const current =
    chosen !== undefined && chosen < resourceStarts.length
      ? chosen
      : resourceAt(resourceStarts, scroll);
  props.onMetrics({ maxScroll, anchors: resourceStarts, page });
  const s = diff.summary;
  const hasSecret = props.pair.masked.resources.some((r) => r.kind === "Secret");
  const half = Math.max(10, Math.floor((props.width - 3) / 2));

  const renderLine = (l: DiffLine | undefined, width: number, key?: string) =>
    l ? (
      <Text
        key={key}
        color={OP_COLOR[l.op] ? theme.color(OP_COLOR[l.op]!) : undefined}
        dimColor={l.op === "context" && !theme.noColor}
      >
        {fit(`${OP_SIGN[l.op]} ${l.text}`, width)}
      </Text>
    ) : (
      <Text key={key}>{" ".repeat(width)}</Text>
    );

  const renderRow = (row: DiffRow, i: number) => {
    switch (row.kind) {
      case "resource": {
        const color: ColorName =
          row.change === "added" ? "added" : row.change === "removed" ? "removed" : "changed";
        return (
          <Text
            key={i}
            bold
            inverse={chosen !== undefined && i === resourceStarts[current]}
            color={theme.color(color)}
            wrap="truncate"
          >
            {`▸ ${row.title}  ${row.change} +${row.added} -${row.removed}`}
          </Text>
        );
      }
      case "hunk":
        return (
          <Text key={i} color={theme.color("accent")} wrap="truncate">
            {row.header}
          </Text>
        );
      case "line":
        return (
          <Box key={i} height={1} overflow="hidden">
            {renderLine(row.line, props.width)}
          </Box>
        );
      case "pair":
        return (
          <Box key={i} height={1} overflow="hidden">
            {renderLine(row.left, half, "l")}
            <Text color={theme.color("dim")}> │ </Text>
            {renderLine(row.right, half, "r")}
          </Box>
        );
    }
  };

  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text color={theme.color("added")}>+{s.added}</Text>{" "}
        <Text color={theme.color("changed")}>~{s.changed}</Text>{" "}
        <Text color={theme.color("removed")}>-{s.removed}</Text>
        <Text color={theme.color("dim")}>
          {` · ctx ${props.viewer.context} · ${sideBySide ? "side-by-side" : "unified"}`}
        </Text>
        {hasSecret ? (
          <Text color={theme.color(props.viewer.reveal ? "warn" : "dim")}>
            {props.viewer.reveal ? " · SECRETS SHOWN (x)" : " · secrets masked (x)"}
          </Text>
        ) : null}
      </Text>
      {resourceStarts.length > 0 ? (
        <Text color={theme.color("accent")} wrap="truncate">
          {currentResource(rows, resourceStarts, current)}
        </Text>
      ) : null}
      {rows.length === 0 ? (
        <Text color={theme.color("dim")}>No differences</Text>
      ) : (
        rows.slice(scroll, scroll + page).map((row, i) => renderRow(row, scroll + i))
      )}
    </Box>
  );
}

/** "resource 2/5: Deployment prod/web (n/N)" for the resource n/N chose or the view is in. */
function currentResource(rows: DiffRow[], starts: number[], current: number): string {
  const heading = rows[starts[current]!];
  const title = heading?.kind === "resource" ? heading.title : "";
  return `resource ${current + 1}/${starts.length}: ${title} (n/N)`;
}
