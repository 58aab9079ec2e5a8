import { Box } from "ink";
import React from "react";
import type { AppError } from "../../state/appTypes.js";
import { useTheme } from "../theme.js";
import { Text } from "../text.js";

/** The full message of an error, its details and hint, and whether R retries it. */
export function ErrorBox(props: { error: AppError; retry?: boolean; title?: string }) {
  const theme = useTheme();
  const e = props.error;
  return (
    <Box flexDirection="column">
      <Text color={theme.color("bad")} bold wrap="wrap">
        {props.title ?? "Error"}
        {e.kind ? ` (${e.kind})` : ""}: {e.message}
      </Text>
      {e.details ? <Text wrap="wrap">{e.details}</Text> : null}
      {e.hint ? (
        <Text color={theme.color("warn")} wrap="wrap">
          hint: {e.hint}
        </Text>
      ) : null}
      {props.retry ? <Text color={theme.color("dim")}>Press R to retry</Text> : null}
    </Box>
  );
}
