import React from "react";
import type { InputMode } from "../screen.js";
import { useTheme } from "../theme.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { Text } from "../text.js";

/**
 * The line above the key hints: the quit question, the / filter or : command
 * being typed, or a one-line note.
 */
export function StatusLine(props: {
  quitting: boolean;
  confirmYes: boolean;
  input: InputMode | undefined;
  note: string | undefined;
}) {
  const theme = useTheme();
  if (props.quitting)
    return (
      <ConfirmDialog question="An operation is running. Quit anyway?" yes={props.confirmYes} />
    );
  if (props.input)
    return (
      <Text wrap="truncate">
        <Text color={theme.color("accent")}>{props.input.kind === "filter" ? "/" : ":"}</Text>
        {props.input.text}
        <Text inverse> </Text>
      </Text>
    );
  if (props.note)
    return (
      <Text color={theme.color("warn")} wrap="truncate">
        {props.note}
      </Text>
    );
  return <Text color={theme.color("dim")}> </Text>;
}
