import { Spinner } from "@inkjs/ui";
import { Box, Text } from "ink";
import React from "react";
import type { RollbackContext } from "../../state/machine/flows/rollback.js";
import { ErrorBox } from "../components/ErrorBox.js";
import { Pane } from "../components/Pane.js";
import { Progress } from "../components/Progress.js";
import { useTheme } from "../theme.js";
import { releaseLabel, type PanelProps } from "./panelProps.js";
import { Review } from "./Review.js";

export function RollbackPanel(props: PanelProps & { flow: RollbackContext }) {
  const theme = useTheme();
  const f = props.flow;
  const title = `Roll back ${releaseLabel(f.release)} to revision ${f.target}`;
  let body: React.ReactNode = null;
  switch (props.screen) {
    case "planning":
      body = <Spinner label={`Diffing the deployed revision against revision ${f.target}…`} />;
      break;
    case "review":
    case "confirm":
      body = f.plan ? (
        <Review
          {...props}
          pair={f.plan.diff}
          lead={`Deployed → revision ${f.target}; this writes revision ${f.plan.revision}. Enter to continue, Esc to cancel.`}
          question={`Roll back ${releaseLabel(f.release)} to revision ${f.target}?`}
        />
      ) : null;
      break;
    case "applying":
      body = <Progress label="Rolling back…" progress={f.progress} height={props.height - 3} />;
      break;
    case "result":
      body = (
        <Box flexDirection="column">
          <Text color={theme.color("ok")} bold>
            Rolled back: revision {f.result?.revision} is {f.result?.status}
          </Text>
          <Text wrap="wrap">{f.result?.notes}</Text>
        </Box>
      );
      break;
    case "failed":
      body = <ErrorBox error={f.error ?? { message: "failed" }} title="Rollback failed" retry />;
      break;
  }
  return (
    <Pane title={title} focused height={props.height}>
      {body}
    </Pane>
  );
}
