import React, { useRef } from "react";
import type { NamespaceItem } from "../../state/selectors.js";
import { layoutColumns, type Column } from "../columns.js";
import { useTheme } from "../theme.js";
import { Pane, windowStart } from "./Pane.js";
import { TableLine } from "./TableLine.js";
import { Text } from "../text.js";

/** A namespace and whether it is the one in view. */
export interface NamespaceLine extends NamespaceItem {
  active: boolean;
}

/** The namespaces list's columns (../columns.ts): name and release count; it shows no heading. */
export const NAMESPACE_COLUMNS: Column<NamespaceLine>[] = [
  { title: "", cell: (n) => `${n.active ? "●" : " "}${n.name}`, min: 4, grow: true, priority: 50 },
  { title: "", cell: (n) => String(n.releases), align: "right", priority: 100 },
];

export function NamespacesPane(props: {
  items: NamespaceItem[];
  cursor: number;
  current?: string;
  focused: boolean;
  height: number;
  width: number;
  forbidden: boolean;
  filter: string;
}) {
  const theme = useTheme();
  const rowsHeight = Math.max(1, props.height - 3 - (props.forbidden ? 1 : 0));
  const start = useRef(0);
  start.current = windowStart(start.current, props.cursor, rowsHeight, props.items.length);
  const lines: NamespaceLine[] = props.items.map((item) => ({
    ...item,
    active: item.namespace === props.current,
  }));
  const layout = layoutColumns(NAMESPACE_COLUMNS, lines, props.width - 2);
  return (
    <Pane
      title={`Namespaces${props.filter ? ` /${props.filter}` : ""}`}
      focused={props.focused}
      height={props.height}
      width={props.width}
    >
      {props.forbidden ? (
        <Text color={theme.color("warn")} wrap="truncate">
          listing forbidden
        </Text>
      ) : null}
      {lines.slice(start.current, start.current + rowsHeight).map((line, i) => (
        <TableLine
          key={line.name}
          layout={layout}
          row={line}
          selected={start.current + i === props.cursor}
          focused={props.focused}
          bold={line.active}
        />
      ))}
    </Pane>
  );
}
