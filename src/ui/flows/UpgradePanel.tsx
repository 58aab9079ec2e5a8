import { Box } from "ink";
import React from "react";
import type { AppError } from "../../state/appTypes.js";
import type { UpgradeContext } from "../../state/machine/flows/upgrade.js";
import { ErrorBox } from "../components/ErrorBox.js";
import { Progress } from "../components/Progress.js";
import { useTheme } from "../theme.js";
import { FlowFrame } from "./FlowFrame.js";
import { applyMethodLabel, releaseLabel, type PanelProps } from "./panelProps.js";
import { reviewSteps } from "./Review.js";
import { equivalentCommands } from "../../state/commandLine.js";
import { Spinner, Text } from "../text.js";

function ChartPrompt(props: { chart: string; error: AppError | undefined }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text>
        Chart to upgrade to (a folder, a .tgz, a URL, REPO/CHART[@range] or oci://…[@range]):
      </Text>
      <Text>
        <Text color={theme.color("accent")}>› </Text>
        {props.chart}
        <Text inverse> </Text>
      </Text>
      {props.error ? <ErrorBox error={props.error} title="The chart does not load" /> : null}
    </Box>
  );
}

function ValuesChoice(props: { chart: string }) {
  return (
    <Box flexDirection="column">
      <Text>Chart: {props.chart}</Text>
      <Text>Values for the new revision:</Text>
      <Text>
        {"  "}
        <Text bold>r</Text> reuse the current user-supplied values
      </Text>
      <Text>
        {"  "}
        <Text bold>d</Text> reset to the chart&apos;s defaults
      </Text>
      <Text>
        {"  "}
        <Text bold>e</Text> edit the current values in $VISUAL/$EDITOR
      </Text>
    </Box>
  );
}

export function UpgradePanel(props: PanelProps & { flow: UpgradeContext }) {
  const theme = useTheme();
  const f = props.flow;
  return (
    <FlowFrame
      title={`Upgrade ${releaseLabel(f.release)}`}
      screen={props.screen}
      height={props.height}
      failure={{ title: "Upgrade failed", error: f.error }}
      steps={{
        "upgrade.chart": () => <ChartPrompt chart={f.chart} error={f.chartError} />,
        "upgrade.checking": () => <Spinner label={`Loading ${f.chart}…`} />,
        "upgrade.values": () => <ValuesChoice chart={f.chart} />,
        "upgrade.editing": () => (
          <Spinner
            label={`${f.chartLabel ? `${f.chartLabel} loaded. ` : ""}Waiting for the editor to close…`}
          />
        ),
        planning: () => (
          <Spinner label={`Rendering ${f.chart} and diffing it against the deployed revision…`} />
        ),
        ...reviewSteps(
          props,
          f.plan,
          (plan) => ({
            lead: `Deployed → ${plan.chart}; this writes revision ${plan.revision}. Enter to continue, Esc to cancel.`,
            question: `Upgrade ${releaseLabel(f.release)} to ${plan.chart} with ${applyMethodLabel(plan.applyMethod)}?`,
            warning: plan.sizeWarning,
            commands: equivalentCommands({ kind: "upgrade", request: plan.request }, props.scope),
          }),
          { name: f.release.name, typed: f.typed ?? "" },
        ),
        applying: () => (
          <Progress label="Upgrading…" progress={f.progress} height={props.height - 3} />
        ),
        result: () => (
          <Box flexDirection="column">
            <Text color={theme.color("ok")} bold>
              Upgraded: revision {f.result?.revision} is {f.result?.status}
            </Text>
            {f.result?.notes ? (
              <>
                <Text color={theme.color("accent")}>NOTES:</Text>
                <Text wrap="wrap">{f.result.notes}</Text>
              </>
            ) : null}
          </Box>
        ),
      }}
    />
  );
}
