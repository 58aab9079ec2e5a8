import { Box } from "ink";
import React from "react";
import { useKeymap } from "../contexts/KeymapContext.js";
import { activeBindings, type Binding } from "../keymap.js";
import type { KeyContext } from "../keyContext.js";
import { useTheme } from "../theme.js";
import { Text } from "../text.js";

/** Always shown at the right end, so help and quit stay findable on narrow terminals. */
const PINNED = new Set(["help", "quit"]);

/** One line of the keys that matter now; changes with the focused pane and the flow. */
export function KeyHints(props: { context: KeyContext; width: number }) {
  const theme = useTheme();
  const hints = activeBindings(useKeymap(), props.context).filter((b) => b.hint);
  const pinned = hints.filter((b) => PINNED.has(b.name));
  const rest = hints.filter((b) => !PINNED.has(b.name));
  const pinnedWidth = pinned.reduce((n, b) => n + b.label.length + b.hint!.length + 3, 0);
  const hint = (b: Binding, i: number) => (
    <Text key={b.name}>
      {i > 0 ? "  " : ""}
      <Text bold color={theme.color("accent")}>
        {b.label}
      </Text>
      <Text color={theme.color("dim")}> {b.hint}</Text>
    </Text>
  );
  return (
    <Box width={props.width} height={1}>
      <Box width={Math.max(0, props.width - pinnedWidth)} flexShrink={1}>
        <Text wrap="truncate">{rest.map(hint)}</Text>
      </Box>
      {pinned.length > 0 ? (
        <Box flexShrink={0}>
          <Text>
            {"  "}
            {pinned.map(hint)}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
