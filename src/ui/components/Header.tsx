import { Box } from "ink";
import React from "react";
import type { ClusterInfo } from "../../state/backend.js";
import type { ContextSafety } from "../../state/contextSafety.js";
import type { StatusCounts } from "../../state/selectors.js";
import { statusColor, useTheme } from "../theme.js";
import type { ReleaseStatus } from "../../engine/release/types.js";
import { Text } from "../text.js";

export function Header(props: {
  version: string;
  cluster?: ClusterInfo;
  scope: string;
  counts: StatusCounts;
  total: number;
  readonly: boolean;
  /** The context's place in the config file (README.md "Configuration"). */
  safety?: ContextSafety | undefined;
  width: number;
}) {
  const theme = useTheme();
  const counts = Object.entries(props.counts) as Array<[ReleaseStatus, number]>;
  return (
    <Box width={props.width} height={1} overflow="hidden">
      <Text wrap="truncate">
        {props.safety ? (
          <Text bold inverse color={theme.color(props.safety === "protected" ? "bad" : "warn")}>
            {props.safety === "protected"
              ? " PROTECTED CONTEXT · changes need the release name typed "
              : " READ-ONLY CONTEXT "}
          </Text>
        ) : null}
        {props.safety ? " " : null}
        <Text bold color={theme.color("accent")}>
          wheelhouse {props.version}
        </Text>
        <Text color={theme.color("dim")}> │ </Text>
        <Text>ctx {props.cluster?.context ?? "…"}</Text>
        <Text color={theme.color("dim")}> │ </Text>
        <Text>k8s {props.cluster ? (props.cluster.serverVersion ?? "unknown") : "…"}</Text>
        <Text color={theme.color("dim")}> │ </Text>
        <Text>ns {props.scope}</Text>
        <Text color={theme.color("dim")}> │ </Text>
        <Text>{props.total} releases</Text>
        {counts.map(([status, n]) => (
          <Text key={status}>
            {" "}
            <Text color={theme.color(statusColor(status))}>
              {n} {status}
            </Text>
          </Text>
        ))}
        {props.readonly && !props.safety ? (
          <Text color={theme.color("warn")} bold>
            {" "}
            [read-only]
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}
