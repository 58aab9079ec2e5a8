import { Box } from "ink";
import React from "react";
import type { OperationProgress } from "../../state/backend.js";
import { useTheme, type ColorName } from "../theme.js";
import { Spinner, Text } from "../text.js";

const STATE_COLOR: Record<OperationProgress["state"], ColorName> = {
  started: "warn",
  waiting: "warn",
  done: "ok",
  kept: "muted",
  failed: "bad",
};

/** The latest state of each resource's step, in the order they first appeared. */
export function latestPerResource(progress: OperationProgress[]): OperationProgress[] {
  const byKey = new Map<string, OperationProgress>();
  for (const p of progress) {
    const key = `${p.step} ${p.resource}`;
    byKey.delete(key);
    byKey.set(key, p);
  }
  return [...byKey.values()];
}

/** A spinner and one line per resource with its latest state; the newest lines when they overflow. */
export function Progress(props: { label: string; progress: OperationProgress[]; height: number }) {
  const theme = useTheme();
  const lines = latestPerResource(props.progress);
  const done = lines.filter((p) => p.state === "done" || p.state === "kept").length;
  const shown = lines.slice(-Math.max(1, props.height - 1));
  return (
    <Box flexDirection="column">
      <Spinner label={lines.length ? `${props.label} ${done}/${lines.length}` : props.label} />
      {shown.map((p, i) => (
        <Text key={i} wrap="truncate">
          <Text color={theme.color(STATE_COLOR[p.state])}>{p.state.padEnd(8)}</Text>
          {`${p.step.padEnd(7)}${p.resource}${p.message ? `  ${p.message}` : ""}`}
        </Text>
      ))}
    </Box>
  );
}
