import { Box } from "ink";
import React from "react";
import type { RecoverContext } from "../../state/machine/flows/recover.js";
import { ConfirmDialog } from "../components/ConfirmDialog.js";
import { useTheme } from "../theme.js";
import { FlowFrame } from "./FlowFrame.js";
import { releaseLabel, type PanelProps } from "./panelProps.js";
import { Spinner, Text } from "../text.js";

export function RecoverPanel(props: PanelProps & { flow: RecoverContext }) {
  const theme = useTheme();
  const f = props.flow;
  const release = releaseLabel(f.release);
  return (
    <FlowFrame
      title={`Recover ${release}`}
      screen={props.screen}
      height={props.height}
      failure={{ title: "Recover failed", error: f.error }}
      steps={{
        confirm: () => (
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
        ),
        applying: () => <Spinner label="Recovering…" />,
      }}
      footer={
        props.screen === "failed" ? <Text color={theme.color("dim")}>Esc to close</Text> : null
      }
    />
  );
}
