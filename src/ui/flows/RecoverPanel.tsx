import { Box } from "ink";
import React from "react";
import type { RecoverContext } from "../../state/machine/flows/recover.js";
import { ConfirmDialog } from "../components/ConfirmDialog.js";
import { TypedConfirm } from "../components/TypedConfirm.js";
import { equivalentCommands } from "../../state/commandLine.js";
import { useTheme } from "../theme.js";
import { FlowFrame } from "./FlowFrame.js";
import { releaseLabel, type PanelProps } from "./panelProps.js";
import { Spinner, Text } from "../text.js";

export function RecoverPanel(props: PanelProps & { flow: RecoverContext }) {
  const theme = useTheme();
  const f = props.flow;
  const release = releaseLabel(f.release);
  const question = `Mark the ${f.status} revision of ${release} failed?`;
  const commands = equivalentCommands({ kind: "recover", release: f.release }, props.scope);
  const confirm = () => (
    <Box flexDirection="column">
      <Text wrap="wrap">
        {release} is {f.status}. If no operation is still running on it (one crashed or was
        interrupted), marking that revision failed lets upgrades and rollbacks run again.
      </Text>
      {props.screen === "confirm.typed" ? (
        <TypedConfirm
          question={question}
          name={f.release.name}
          typed={f.typed ?? ""}
          commands={commands}
        />
      ) : (
        <ConfirmDialog question={question} yes={props.confirmYes} commands={commands} />
      )}
    </Box>
  );
  return (
    <FlowFrame
      title={`Recover ${release}`}
      screen={props.screen}
      height={props.height}
      failure={{ title: "Recover failed", error: f.error }}
      steps={{
        confirm: () => confirm(),
        "confirm.typed": () => confirm(),
        applying: () => <Spinner label="Recovering…" />,
      }}
      footer={
        props.screen === "failed" ? <Text color={theme.color("dim")}>Esc to close</Text> : null
      }
    />
  );
}
