import { Box } from "ink";
import React from "react";
import type { DiffPair } from "../../state/backend.js";
import { ConfirmDialog } from "../components/ConfirmDialog.js";
import { DiffViewer } from "../components/DiffViewer.js";
import { useTheme } from "../theme.js";
import type { FlowSteps } from "./FlowFrame.js";
import type { PanelProps } from "./panelProps.js";
import { Text } from "../text.js";

/** The diff of a plan, with the confirmation under it once asked. */
function Review(props: PanelProps & { pair: DiffPair; question: string; lead: string }) {
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

/** The review and confirm steps of a flow that plans: the plan's diff, then the question. */
export function reviewSteps<Plan extends { diff: DiffPair }>(
  props: PanelProps,
  plan: Plan | undefined,
  text: (plan: Plan) => { lead: string; question: string },
): FlowSteps {
  const step = () => (plan ? <Review {...props} pair={plan.diff} {...text(plan)} /> : null);
  return { review: step, confirm: step };
}
