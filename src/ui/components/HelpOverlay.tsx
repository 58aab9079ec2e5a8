import { Box } from "ink";
import React from "react";
import { useKeymap } from "../contexts/KeymapContext.js";
import { activeBindings } from "../keymap.js";
import type { KeyContext } from "../keyContext.js";
import { displayKey } from "../keys/keyNames.js";
import { useTheme } from "../theme.js";
import { Pane } from "./Pane.js";
import { Text } from "../text.js";

/** Every key usable in the view under the overlay, from the same table the handlers use. */
export function HelpOverlay(props: { context: KeyContext; height: number; width: number }) {
  const theme = useTheme();
  const bindings = activeBindings(useKeymap(), props.context);
  const perColumn = Math.max(1, props.height - 3);
  const columns: (typeof bindings)[] = [];
  for (let i = 0; i < bindings.length; i += perColumn)
    columns.push(bindings.slice(i, i + perColumn));
  return (
    <Pane
      title={`Keys — ${props.context.screen}${props.context.readonly ? " (read-only)" : ""}`}
      focused
      height={props.height}
    >
      <Box>
        {columns.map((col, i) => (
          <Box
            key={i}
            flexDirection="column"
            width={Math.floor((props.width - 2) / columns.length)}
          >
            {col.map((b) => (
              <Text key={b.name} wrap="truncate">
                <Text bold color={theme.color("accent")}>
                  {b.keys.map(displayKey).join(" ").padEnd(12)}
                </Text>
                {b.help}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Pane>
  );
}
