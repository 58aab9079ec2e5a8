import { Text } from "ink";
import React from "react";
import { activeBindings, type KeyContext } from "../keymap.js";
import { useTheme } from "../theme.js";

/** One line of the keys that matter now; changes with the focused pane and the flow. */
export function KeyHints(props: { context: KeyContext; width: number }) {
  const theme = useTheme();
  const hints = activeBindings(props.context).filter((b) => b.hint);
  return (
    <Text wrap="truncate">
      {hints.map((b, i) => (
        <Text key={b.action}>
          {i > 0 ? "  " : ""}
          <Text bold color={theme.color("accent")}>
            {b.label}
          </Text>
          <Text color={theme.color("dim")}> {b.hint}</Text>
        </Text>
      ))}
    </Text>
  );
}
