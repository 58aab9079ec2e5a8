import { Box } from "ink";
import React, { useMemo } from "react";
import { toDisplayYaml } from "../../engine/yaml/index.js";
import type { AppError, DetailContent, DetailRequest } from "../../state/appTypes.js";
import { layoutColumns, placeHeader, rowText } from "../columns.js";
import { useTheme, type ColorName } from "../theme.js";
import type { ViewerMetrics, ViewerState } from "../viewer.js";
import { DiffViewer } from "./DiffViewer.js";
import { ErrorBox } from "./ErrorBox.js";
import { valuesDiffLines } from "./valuesDiffLines.js";
import { Pane } from "./Pane.js";
import { RESOURCE_COLUMNS } from "./resourceColumns.js";
import { Spinner, Text } from "../text.js";

interface Line {
  text: string;
  color?: ColorName;
}

const STATE_COLOR: Record<string, ColorName> = {
  ready: "ok",
  progressing: "warn",
  failed: "bad",
  missing: "bad",
};

function linesOf(detail: DetailContent, reveal: boolean, computed: boolean, width: number): Line[] {
  switch (detail.view) {
    case "status": {
      if (detail.resources.length === 0) return [{ text: "No resources", color: "dim" }];
      const now = new Date();
      const layout = layoutColumns(RESOURCE_COLUMNS, detail.resources, width, now);
      return [
        {
          text: placeHeader(layout)
            .map((c) => c.text)
            .join(""),
          color: "dim",
        },
        ...detail.resources.map((r) => ({
          text: rowText(layout, r, now),
          color: STATE_COLOR[r.state],
        })),
      ];
    }
    case "manifest":
      return (reveal ? detail.manifest : detail.masked.text).split("\n").map((text) => ({ text }));
    case "notes":
      return (detail.notes || "(no NOTES.txt)").split("\n").map((text) => ({ text }));
    case "values":
      return [
        { text: "# User-supplied values", color: "accent" },
        ...text(toDisplayYaml(detail.userValues ?? {}, "values")),
        { text: "" },
        { text: "# Computed values (chart defaults + user values)", color: "accent" },
        ...text(toDisplayYaml(detail.computedValues ?? {}, "values")),
      ];
    case "valuesDiff":
      return valuesDiffLines(detail.values, computed, width);
    case "diff":
      return [];
  }
}

function text(s: string): Line[] {
  return s
    .trimEnd()
    .split("\n")
    .map((t) => ({ text: t }));
}

const TITLES: Record<DetailContent["view"], string> = {
  status: "Status",
  manifest: "Manifest",
  values: "Values",
  notes: "Notes",
  diff: "Diff",
  valuesDiff: "Values diff",
};

/** The x toggle's state, where the view holds Secrets: as the diff viewer says it. */
function secretsNote(detail: DetailContent | undefined, reveal: boolean): string {
  if (detail?.view !== "manifest" || detail.masked.secrets === 0) return "";
  return reveal ? " · SECRETS SHOWN (x)" : " · secrets masked (x)";
}

function titleOf(request: DetailRequest | undefined): string {
  if (!request) return "Detail";
  const r = request.release;
  const what =
    request.view === "diff" || request.view === "valuesDiff"
      ? `revision ${request.from} → ${request.revision}`
      : request.view === "status"
        ? ""
        : `revision ${request.revision}`;
  return `${TITLES[request.view]} ${r.namespace}/${r.name} ${what}`.trimEnd();
}

/** A plain scrolling text view. */
export function TextViewer(props: {
  lines: Line[];
  scroll: number;
  height: number;
  width: number;
  onMetrics: (m: ViewerMetrics) => void;
}) {
  const theme = useTheme();
  const maxScroll = Math.max(0, props.lines.length - props.height);
  const scroll = Math.min(props.scroll, maxScroll);
  props.onMetrics({ maxScroll, anchors: [], page: props.height });
  return (
    <Box flexDirection="column">
      {props.lines.slice(scroll, scroll + props.height).map((l, i) => (
        <Text key={scroll + i} color={l.color ? theme.color(l.color) : undefined} wrap="truncate">
          {l.text || " "}
        </Text>
      ))}
    </Box>
  );
}

export function DetailPane(props: {
  request?: DetailRequest;
  detail?: DetailContent;
  loading: boolean;
  error?: AppError;
  viewer: ViewerState;
  focused: boolean;
  height: number;
  width: number;
  wide: boolean;
  onMetrics: (m: ViewerMetrics) => void;
}) {
  const theme = useTheme();
  const inner = props.height - 3;
  const innerWidth = props.width - 2;
  const reveal = props.viewer.reveal;
  const computed = props.viewer.computedValues === true;
  const lines = useMemo(
    () => (props.detail ? linesOf(props.detail, reveal, computed, innerWidth) : []),
    [props.detail, reveal, computed, innerWidth],
  );
  let body: React.ReactNode;
  if (props.error) body = <ErrorBox error={props.error} retry />;
  else if (props.loading) body = <Spinner label="Loading…" />;
  else if (!props.detail)
    body = (
      <Text color={theme.color("dim")}>
        s status · m manifest · v values · n notes · d diff · V values diff
      </Text>
    );
  else if (props.detail.view === "diff")
    body = (
      <DiffViewer
        pair={props.detail.diff}
        viewer={props.viewer}
        height={inner}
        width={innerWidth}
        wide={props.wide}
        onMetrics={props.onMetrics}
      />
    );
  else
    body = (
      <TextViewer
        lines={lines}
        scroll={props.viewer.scroll}
        height={inner}
        width={innerWidth}
        onMetrics={props.onMetrics}
      />
    );
  return (
    <Pane
      title={titleOf(props.request) + secretsNote(props.detail, reveal)}
      focused={props.focused}
      height={props.height}
      width={props.width}
    >
      {body}
    </Pane>
  );
}
