import { Box } from "ink";
import React from "react";
import type { LiveChange } from "../../engine/actions/liveDrift.js";
import type { DiffPair } from "../../state/backend.js";
import { ConfirmDialog } from "../components/ConfirmDialog.js";
import { LiveChangesNote, liveChangeLines } from "../components/LiveChangesNote.js";
import { DiffViewer } from "../components/DiffViewer.js";
import { useTheme } from "../theme.js";
import type { FlowSteps } from "./FlowFrame.js";
import type { PanelProps } from "./panelProps.js";
import { Text } from "../text.js";

/** The diff of a plan, with the confirmation under it once asked. */
function Review(
  props: PanelProps & { pair: DiffPair; question: string; lead: string; changes: LiveChange[] },
) {
  const theme = useTheme();
  const dialogHeight = props.screen === "confirm" ? 4 : 0;
  const noteHeight = liveChangeLines(props.changes).length;
  return (
    <Box flexDirection="column">
      <Text color={theme.color("accent")} wrap="truncate">
        {props.lead}
      </Text>
      <LiveChangesNote changes={props.changes} />
      <DiffViewer
        pair={props.pair}
        viewer={props.viewer}
        height={props.height - 4 - dialogHeight - noteHeight}
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
export function reviewSteps<Plan extends { diff: DiffPair; liveChanges?: LiveChange[] }>(
  props: PanelProps,
  plan: Plan | undefined,
  text: (plan: Plan) => { lead: string; question: string },
): FlowSteps {
  const step = () =>
    plan ? (
      <Review {...props} pair={plan.diff} changes={plan.liveChanges ?? []} {...text(plan)} />
    ) : null;
  return { review: step, confirm: step };
}
