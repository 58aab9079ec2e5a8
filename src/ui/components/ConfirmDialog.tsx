import { Box } from "ink";
import React from "react";
import type { EquivalentCommands } from "../../state/commandLine.js";
import { useTheme } from "../theme.js";
import { CommandLines } from "./CommandLines.js";
import { Text } from "../text.js";

/** A yes/no question; the highlighted answer starts on No so Enter alone never confirms. */
export function ConfirmDialog(props: {
  question: string;
  yes: boolean;
  commands?: EquivalentCommands | undefined;
}) {
  const theme = useTheme();
  const button = (label: string, active: boolean) => (
    <Text inverse={active} bold={active} color={active ? theme.color("accent") : undefined}>
      {active ? `[ ${label} ]` : `  ${label}  `}
    </Text>
  );
  return (
    <Box
      flexDirection="column"
      borderStyle="double"
      borderColor={theme.color("warn")}
      paddingX={1}
      flexShrink={0}
    >
      <Text bold wrap="wrap">
        {props.question}
      </Text>
      <Box gap={2}>
        {button("No", !props.yes)}
        {button("Yes", props.yes)}
        <Text color={theme.color("dim")}>y/n · Enter answers the highlighted one</Text>
      </Box>
      {props.commands ? <CommandLines commands={props.commands} /> : null}
    </Box>
  );
}
