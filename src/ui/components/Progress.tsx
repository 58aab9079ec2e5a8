import { Spinner } from "@inkjs/ui";
import { Box, Text } from "ink";
import React from "react";
import type { OperationProgress } from "../../state/backend.js";
import { useTheme, type ColorName } from "../theme.js";

const STATE_COLOR: Record<OperationProgress["state"], ColorName> = {
  started: "warn",
  waiting: "warn",
  done: "ok",
  kept: "muted",
  failed: "bad",
};

/** A spinner and the last steps of the operation, one line per resource. */
export function Progress(props: { label: string; progress: OperationProgress[]; height: number }) {
  const theme = useTheme();
  const shown = props.progress.slice(-Math.max(1, props.height - 1));
  return (
    <Box flexDirection="column">
      <Spinner label={props.label} />
      {shown.map((p, i) => (
        <Text key={i} wrap="truncate">
          <Text color={theme.color(STATE_COLOR[p.state])}>{p.state.padEnd(8)}</Text>
          {`${p.step.padEnd(7)}${p.resource}${p.message ? `  ${p.message}` : ""}`}
        </Text>
      ))}
    </Box>
  );
}
