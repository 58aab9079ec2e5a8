import { Box } from "ink";
import React from "react";
import type { EquivalentCommands } from "../../state/commandLine.js";
import { useTheme } from "../theme.js";
import { CommandLines } from "./CommandLines.js";
import { Text } from "../text.js";

/** A protected context's confirmation: the release's name, typed, then Enter. */
export function TypedConfirm(props: {
  question: string;
  name: string;
  typed: string;
  commands?: EquivalentCommands | undefined;
}) {
  const theme = useTheme();
  const matches = props.typed === props.name;
  return (
    <Box
      flexDirection="column"
      borderStyle="double"
      borderColor={theme.color("bad")}
      paddingX={1}
      flexShrink={0}
    >
      <Text bold wrap="wrap">
        {props.question}
      </Text>
      <Text>
        Protected context: type the release name ({props.name}) to confirm, then Enter; Esc goes
        back.
      </Text>
      <Text>
        <Text color={theme.color(matches ? "ok" : "accent")}>› </Text>
        {props.typed}
        <Text inverse> </Text>
      </Text>
      {props.commands ? <CommandLines commands={props.commands} /> : null}
    </Box>
  );
}
