import { Box } from "ink";
import React from "react";
import type { LiveChange } from "../../engine/actions/liveDrift.js";
import type { DiffPair, ValuesDiffPair } from "../../state/backend.js";
import { ConfirmDialog } from "../components/ConfirmDialog.js";
import { LiveChangesNote, liveChangeLines } from "../components/LiveChangesNote.js";
import { DiffViewer } from "../components/DiffViewer.js";
import { TextViewer } from "../components/DetailPane.js";
import { valuesDiffLines, wrapWords } from "../components/valuesDiffLines.js";
import { useTheme } from "../theme.js";
import type { FlowSteps } from "./FlowFrame.js";
import type { PanelProps } from "./panelProps.js";
import { Text } from "../text.js";

/**
 * The diff of a plan, with the confirmation under it once asked; V switches to the values the
 * plan stores, path by path (docs/chart-engine.md#values-diff), whose --reuse-values warning
 * shows above the manifest diff too.
 */
function Review(
  props: PanelProps & {
    pair: DiffPair;
    values?: ValuesDiffPair;
    question: string;
    lead: string;
    changes: LiveChange[];
  },
) {
  const theme = useTheme();
  const dialogHeight = props.screen === "confirm" ? 4 : 0;
  const showValues = props.values !== undefined && props.viewer.valuesPreview === true;
  const warning =
    !showValues && props.values?.reuseWarning
      ? wrapWords(`⚠ ${props.values.reuseWarning}`, props.width - 2)
      : [];
  const note = showValues ? [] : liveChangeLines(props.changes);
  const height = props.height - 4 - dialogHeight - warning.length - note.length;
  return (
    <Box flexDirection="column">
      <Text color={theme.color("accent")} wrap="truncate">
        {props.lead}
        {props.values ? (showValues ? " V: manifest diff." : " V: values diff.") : ""}
      </Text>
      {warning.map((line, i) => (
        <Text key={i} color={theme.color("warn")} wrap="truncate">
          {line}
        </Text>
      ))}
      {showValues ? null : <LiveChangesNote changes={props.changes} />}
      {showValues ? (
        <TextViewer
          lines={valuesDiffLines(
            props.values!,
            props.viewer.computedValues === true,
            props.width - 2,
          )}
          scroll={props.viewer.scroll}
          height={height}
          width={props.width - 2}
          onMetrics={props.onMetrics}
        />
      ) : (
        <DiffViewer
          pair={props.pair}
          viewer={props.viewer}
          height={height}
          width={props.width - 2}
          wide={props.wide}
          onMetrics={props.onMetrics}
        />
      )}
      {props.screen === "confirm" ? (
        <ConfirmDialog question={props.question} yes={props.confirmYes} />
      ) : null}
    </Box>
  );
}

/** The review and confirm steps of a flow that plans: the plan's diff, then the question. */
export function reviewSteps<
  Plan extends { diff: DiffPair; values?: ValuesDiffPair; liveChanges?: LiveChange[] },
>(
  props: PanelProps,
  plan: Plan | undefined,
  text: (plan: Plan) => { lead: string; question: string },
): FlowSteps {
  const step = () =>
    plan ? (
      <Review
        {...props}
        pair={plan.diff}
        values={plan.values}
        changes={plan.liveChanges ?? []}
        {...text(plan)}
      />
    ) : null;
  return { review: step, confirm: step };
}
