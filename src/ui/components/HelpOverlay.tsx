import { Box } from "ink";
import React from "react";
import { useKeymap } from "../contexts/KeymapContext.js";
import { layoutColumns, shownWidth, type Column } from "../columns.js";
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
  const widths = columnWidths(columns, props.width - 2);
  return (
    <Pane
      title={`Keys — ${props.context.screen}${props.context.readonly ? " (read-only)" : ""}`}
      focused
      height={props.height}
    >
      <Box>
        {columns.map((col, i) => {
          const width = widths[i]!;
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

/**
 * The overlay's columns sized by what they hold: each gets its keys and a few
 * columns of help first, then the rest goes where help is still cut. Equal
 * shares would give a short last column (`q` alone) the room the first one
 * needs for its help. When even that does not fit, equal shares.
 */
function columnWidths(columns: readonly Binding[][], width: number): number[] {
  const need = columns.map((col) => {
    const keys = Math.max(...col.map((b) => shownWidth(HELP_COLUMNS[0]!.cell(b, new Date()))));
    const help = Math.max(...col.map((b) => shownWidth(b.help)));
    // A gap between keys and help, and a space before the next column.
    return { min: keys + 2 + Math.min(help, 3), natural: keys + 2 + help };
  });
  const widths = need.map((n) => n.min);
  let spare = width - widths.reduce((a, b) => a + b, 0);
  if (spare < 0) return columns.map(() => Math.floor(width / columns.length));
  for (let grew = true; spare > 0 && grew;) {
    grew = false;
    for (let i = 0; i < widths.length && spare > 0; i++) {
      if (widths[i]! < need[i]!.natural) {
        widths[i]!++;
        spare--;
        grew = true;
      }
    }
  }
  // Room to spare on a wide terminal spreads the columns out, as equal shares did.
  const share = Math.floor(spare / widths.length);
  return widths.map((w) => w + share);
}
