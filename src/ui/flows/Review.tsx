import { Box, Text } from "ink";
import React from "react";
import type { DiffPair } from "../../state/backend.js";
import { ConfirmDialog } from "../components/ConfirmDialog.js";
import { DiffViewer } from "../components/DiffViewer.js";
import { useTheme } from "../theme.js";
import type { PanelProps } from "./panelProps.js";

/** The diff of a plan, with the confirmation under it once asked. */
export function Review(props: PanelProps & { pair: DiffPair; question: string; lead: string }) {
  const theme = useTheme();
  const dialogHeight = props.screen === "confirm" ? 4 : 0;
  return (
    <Box flexDirection="column">
      <Text color={theme.color("accent")} wrap="truncate">
        {props.lead}
      </Text>
      <DiffViewer
        pair={props.pair}
        viewer={props.viewer}
        height={props.height - 4 - dialogHeight}
        width={props.width - 2}
        wide={props.wide}
        onMetrics={props.onMetrics}
      />
      {props.screen === "confirm" ? (
        <ConfirmDialog question={props.question} yes={props.confirmYes} />
      ) : null}
    </Box>
  );
}
