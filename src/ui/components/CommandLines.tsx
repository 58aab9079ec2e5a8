import React from "react";
import type { EquivalentCommands } from "../../state/commandLine.js";
import { useTheme } from "../theme.js";
import { Text } from "../text.js";

/** The command lines a confirmation stands for, to copy: wheelhouse's, then helm's. */
export function CommandLines(props: { commands: EquivalentCommands }) {
  const theme = useTheme();
  return (
    <>
      <Text color={theme.color("dim")} wrap="wrap">
        $ {props.commands.wheelhouse}
      </Text>
      {props.commands.helm ? (
        <Text color={theme.color("dim")} wrap="wrap">
          $ {props.commands.helm}
        </Text>
      ) : null}
    </>
  );
}

/** Lines CommandLines takes in a dialog this wide (whole, so that they can be copied). */
export function commandLinesHeight(
  commands: EquivalentCommands | undefined,
  width: number,
): number {
  if (!commands) return 0;
  const room = Math.max(10, width - 6);
  const lines = (text: string) => Math.ceil((text.length + 2) / room);
  return lines(commands.wheelhouse) + (commands.helm ? lines(commands.helm) : 0);
}
