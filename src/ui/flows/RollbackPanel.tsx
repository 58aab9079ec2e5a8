import { Box } from "ink";
import React from "react";
import type { RollbackContext } from "../../state/machine/flows/rollback.js";
import { Progress } from "../components/Progress.js";
import { useTheme } from "../theme.js";
import { FlowFrame } from "./FlowFrame.js";
import { applyMethodLabel, releaseLabel, type PanelProps } from "./panelProps.js";
import { reviewSteps } from "./Review.js";
import { equivalentCommands } from "../../state/commandLine.js";
import { Spinner, Text } from "../text.js";

export function RollbackPanel(props: PanelProps & { flow: RollbackContext }) {
  const theme = useTheme();
  const f = props.flow;
  return (
    <FlowFrame
      title={`Roll back ${releaseLabel(f.release)} to revision ${f.target}`}
      screen={props.screen}
      height={props.height}
      failure={{ title: "Rollback failed", error: f.error }}
      steps={{
        planning: () => (
          <Spinner label={`Diffing the deployed revision against revision ${f.target}…`} />
        ),
        ...reviewSteps(
          props,
          f.plan,
          (plan) => ({
            lead: `${plan.nothingDeployed ? "Nothing deployed" : "Deployed"} → revision ${f.target}; this writes revision ${plan.revision}. Enter to continue, Esc to cancel.`,
            question: `Roll back ${releaseLabel(f.release)} to revision ${f.target} with ${applyMethodLabel(plan.applyMethod)}?`,
            warning: plan.sizeWarning,
            commands: equivalentCommands(
              { kind: "rollback", release: f.release, target: f.target },
              props.scope,
            ),
          }),
          { name: f.release.name, typed: f.typed ?? "" },
        ),
        applying: () => (
          <Progress label="Rolling back…" progress={f.progress} height={props.height - 3} />
        ),
        result: () => (
          <Box flexDirection="column">
            <Text color={theme.color("ok")} bold>
              Rolled back: revision {f.result?.revision} is {f.result?.status}
            </Text>
            <Text wrap="wrap">{f.result?.notes}</Text>
          </Box>
        ),
      }}
    />
  );
}
