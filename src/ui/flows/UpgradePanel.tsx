import { Spinner } from "@inkjs/ui";
import { Box, Text } from "ink";
import React from "react";
import type { UpgradeContext } from "../../state/machine/flows/upgrade.js";
import { ErrorBox } from "../components/ErrorBox.js";
import { Pane } from "../components/Pane.js";
import { Progress } from "../components/Progress.js";
import { useTheme } from "../theme.js";
import { releaseLabel, type PanelProps } from "./panelProps.js";
import { Review } from "./Review.js";

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
  const title = `Upgrade ${releaseLabel(f.release)}`;
  let body: React.ReactNode = null;
  switch (props.screen) {
    case "upgrade.chart":
      body = (
        <Box flexDirection="column">
          <Text>Chart to upgrade to (a folder, a .tgz, a URL, or REPO/CHART[@range]):</Text>
          <Text>
            <Text color={theme.color("accent")}>› </Text>
            {f.chart}
            <Text inverse> </Text>
          </Text>
        </Box>
      );
      break;
    case "upgrade.values":
      body = <ValuesChoice chart={f.chart} />;
      break;
    case "upgrade.editing":
      body = <Spinner label="Waiting for the editor to close…" />;
      break;
    case "planning":
      body = (
        <Spinner label={`Rendering ${f.chart} and diffing it against the deployed revision…`} />
      );
      break;
    case "review":
    case "confirm":
      body = f.plan ? (
        <Review
          {...props}
          pair={f.plan.diff}
          lead={`Deployed → ${f.plan.chart}; this writes revision ${f.plan.revision}. Enter to continue, Esc to cancel.`}
          question={`Upgrade ${releaseLabel(f.release)} to ${f.plan.chart}?`}
        />
      ) : null;
      break;
    case "applying":
      body = <Progress label="Upgrading…" progress={f.progress} height={props.height - 3} />;
      break;
    case "result":
      body = (
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
      );
      break;
    case "failed":
      body = <ErrorBox error={f.error ?? { message: "failed" }} title="Upgrade failed" retry />;
      break;
  }
  return (
    <Pane title={title} focused height={props.height}>
      {body}
    </Pane>
  );
}
