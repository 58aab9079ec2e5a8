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
      <TypedName name={props.name} typed={props.typed} />
      {props.commands ? <CommandLines commands={props.commands} /> : null}
    </Box>
  );
}

/** What has been typed of a release's name, with a cursor; the prompt turns green once it matches. */
export function TypedName(props: { name: string; typed: string }) {
  const theme = useTheme();
  return (
    <Text>
      <Text color={theme.color(props.typed === props.name ? "ok" : "accent")}>› </Text>
      {props.typed}
      <Text inverse> </Text>
    </Text>
  );
}
