import { Box } from "ink";
import React from "react";
import type { AppError } from "../../state/appTypes.js";
import { ErrorBox } from "../components/ErrorBox.js";
import { useTheme } from "../theme.js";
import { Text } from "../text.js";

/** The cluster did not answer: retry, another context, or quit. */
export function BootFailedScreen(props: { height: number; error: AppError | undefined }) {
  const theme = useTheme();
  return (
    <Box height={props.height} flexDirection="column">
      <ErrorBox error={props.error ?? { message: "failed" }} title="Cannot start" retry />
      <Text color={theme.color("dim")}>:ctx NAME to try another context, q to quit</Text>
    </Box>
  );
}
