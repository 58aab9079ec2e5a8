import React from "react";
import { placeHeader, placeRow, type ColumnLayout } from "../columns.js";
import { useTheme } from "../theme.js";
import { Text } from "../text.js";

/** A table's heading line, laid out by ../columns.ts. */
export function TableHeader<Row>(props: { layout: ColumnLayout<Row> }) {
  const theme = useTheme();
  return (
    <Text bold color={theme.color("dim")} wrap="truncate">
      {placeHeader(props.layout)
        .map((c) => c.text)
        .join("")}
    </Text>
  );
}

/** One row of a table, laid out by ../columns.ts: exactly the pane's width, so Ink never cuts it. */
export function TableLine<Row>(props: {
  layout: ColumnLayout<Row>;
  row: Row;
  /** For age columns. */
  now?: Date;
  selected?: boolean;
  focused?: boolean;
  /** Bold regardless of the cursor (the namespace in view); default: when selected. */
  bold?: boolean;
}) {
  const theme = useTheme();
  return (
    <Text
      inverse={props.selected && props.focused}
      bold={props.bold ?? props.selected}
      wrap="truncate"
    >
      {placeRow(props.layout, props.row, props.now ?? new Date()).map((c, i) =>
        c.color || c.bold ? (
          <Text key={i} color={c.color ? theme.color(c.color) : undefined} bold={c.bold}>
            {c.text}
          </Text>
        ) : (
          c.text
        ),
      )}
    </Text>
  );
}
