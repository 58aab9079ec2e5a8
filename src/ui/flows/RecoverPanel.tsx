import { Spinner } from "@inkjs/ui";
import { Box, Text } from "ink";
import React from "react";
import type { RecoverContext } from "../../state/machine/flows/recover.js";
import { ConfirmDialog } from "../components/ConfirmDialog.js";
import { ErrorBox } from "../components/ErrorBox.js";
import { Pane } from "../components/Pane.js";
import { useTheme } from "../theme.js";
import { releaseLabel, type PanelProps } from "./panelProps.js";

export function RecoverPanel(props: PanelProps & { flow: RecoverContext }) {
  const theme = useTheme();
  const f = props.flow;
  const release = releaseLabel(f.release);
  let body: React.ReactNode = null;
  switch (props.screen) {
    case "confirm":
      body = (
        <Box flexDirection="column">
          <Text wrap="wrap">
            {release} is {f.status}. If no operation is still running on it (one crashed or was
            interrupted), marking that revision failed lets upgrades and rollbacks run again.
          </Text>
          <ConfirmDialog
            question={`Mark the ${f.status} revision of ${release} failed?`}
            yes={props.confirmYes}
          />
        </Box>
      );
      break;
    case "applying":
      body = <Spinner label="Recovering…" />;
      break;
    case "failed":
      body = <ErrorBox error={f.error ?? { message: "failed" }} title="Recover failed" retry />;
      break;
  }
  return (
    <Pane title={`Recover ${release}`} focused height={props.height}>
      {body}
      {props.screen === "failed" ? <Text color={theme.color("dim")}>Esc to close</Text> : null}
    </Pane>
  );
}
