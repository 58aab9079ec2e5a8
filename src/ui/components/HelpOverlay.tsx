import { Box } from "ink";
import React from "react";
import { useKeymap } from "../contexts/KeymapContext.js";
import { layoutColumns, type Column } from "../columns.js";
import { activeBindings, type Binding } from "../keymap.js";
import type { KeyContext } from "../keyContext.js";
import { displayKey } from "../keys/keyNames.js";
import { Pane } from "./Pane.js";
import { TableLine } from "./TableLine.js";

/** Each column of the overlay is a small table (../columns.ts): the keys, then what they do. */
const HELP_COLUMNS: Column<Binding>[] = [
  {
    title: "",
    cell: (b) => b.keys.map(displayKey).join(" "),
    min: 3,
    priority: 100,
    color: () => "accent",
    bold: true,
  },
  { title: "", cell: (b) => b.help, min: 3, priority: 50, grow: true },
];

/** Every key usable in the view under the overlay, from the same table the handlers use. */
export function HelpOverlay(props: { context: KeyContext; height: number; width: number }) {
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
        {columns.map((col, i) => {
          const width = Math.floor((props.width - 2) / columns.length);
          // The last cell ends a space short of the next column, so two never run together.
          const layout = layoutColumns(HELP_COLUMNS, col, width - 1);
          return (
            <Box key={i} flexDirection="column" width={width}>
              {col.map((b) => (
                <TableLine key={b.name} layout={layout} row={b} />
              ))}
            </Box>
          );
        })}
      </Box>
    </Pane>
  );
}
