import { Box } from "ink";
import React from "react";
import type { ClusterInfo } from "../../state/backend.js";
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
  width: number;
}) {
  const theme = useTheme();
  const counts = Object.entries(props.counts) as Array<[ReleaseStatus, number]>;
  return (
    <Box width={props.width} height={1} overflow="hidden">
      <Text wrap="truncate">
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
        {props.readonly ? (
          <Text color={theme.color("warn")} bold>
            {" "}
            [read-only]
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}
