import { Box } from "ink";
import React from "react";
import { useTheme } from "../theme.js";
import { Text } from "../text.js";

/** A bordered pane with a title row; the border is coloured (or doubled, without colour) when focused. */
export function Pane(props: {
  title: string;
  focused: boolean;
  width?: number | string;
  height: number;
  children?: React.ReactNode;
  right?: string;
}) {
  const theme = useTheme();
  return (
    <Box
      flexDirection="column"
      width={props.width}
      flexGrow={props.width === undefined ? 1 : 0}
      flexShrink={0}
      height={props.height}
      borderStyle={props.focused && theme.noColor ? "double" : "single"}
      borderColor={props.focused ? theme.color("focus") : theme.color("dim")}
      overflow="hidden"
    >
      <Box justifyContent="space-between">
        <Text
          bold={props.focused}
          color={props.focused ? theme.color("focus") : undefined}
          wrap="truncate"
        >
          {props.title}
        </Text>
        {props.right ? (
          <Text color={theme.color("dim")} wrap="truncate">
            {props.right}
          </Text>
        ) : null}
      </Box>
      {props.children}
    </Box>
  );
}

/** The first row to show so the cursor stays in a window of `height` rows. */
export function windowStart(
  previous: number,
  cursor: number,
  height: number,
  length: number,
): number {
  let start = previous;
  if (cursor < start) start = cursor;
  if (cursor >= start + height) start = cursor - height + 1;
  return Math.max(0, Math.min(start, Math.max(0, length - height)));
}
