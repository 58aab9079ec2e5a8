import { Box } from "ink";
import React from "react";
import type { LiveChange } from "../../engine/actions/liveDrift.js";
import type { DiffPair, ValuesDiffPair } from "../../state/backend.js";
import { ConfirmDialog } from "../components/ConfirmDialog.js";
import { LiveChangesNote, liveChangeLines } from "../components/LiveChangesNote.js";
import { DiffViewer } from "../components/DiffViewer.js";
import { TypedConfirm } from "../components/TypedConfirm.js";
import { commandLinesHeight } from "../components/CommandLines.js";
import type { EquivalentCommands } from "../../state/commandLine.js";
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
    warning?: string | undefined;
    typed?: Typed;
    commands?: EquivalentCommands | undefined;
  },
) {
  const theme = useTheme();
  const dialogHeight =
    (props.screen === "confirm" ? 4 : props.screen === "confirm.typed" ? 5 : 0) +
    (props.screen.startsWith("confirm") ? commandLinesHeight(props.commands, props.width) : 0);
  const showValues = props.values !== undefined && props.viewer.valuesPreview === true;
  const warning =
    !showValues && props.values?.reuseWarning
      ? wrapWords(`⚠ ${props.values.reuseWarning}`, props.width - 2)
      : [];
  const note = showValues ? [] : liveChangeLines(props.changes);
  const height =
    props.height - 4 - dialogHeight - warning.length - note.length - (props.warning ? 1 : 0);
  return (
    <Box flexDirection="column">
      <Text color={theme.color("accent")} wrap="truncate">
        {props.lead}
        {props.values ? (showValues ? " V: manifest diff." : " V: values diff.") : ""}
      </Text>
      {props.warning ? (
        <Text color={theme.color("bad")} bold wrap="truncate">
          ⚠ {props.warning}
        </Text>
      ) : null}
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
        <ConfirmDialog question={props.question} yes={props.confirmYes} commands={props.commands} />
      ) : null}
      {props.screen === "confirm.typed" && props.typed ? (
        <TypedConfirm question={props.question} {...props.typed} commands={props.commands} />
      ) : null}
    </Box>
  );
}

/** The release name to type on a protected context, and what has been typed. */
interface Typed {
  name: string;
  typed: string;
}

/** The review and confirm steps of a flow that plans: the plan's diff, then the question. */
export function reviewSteps<
  Plan extends { diff: DiffPair; values?: ValuesDiffPair; liveChanges?: LiveChange[] },
>(
  props: PanelProps,
  plan: Plan | undefined,
  text: (plan: Plan) => {
    lead: string;
    question: string;
    warning?: string | undefined;
    commands?: EquivalentCommands;
  },
  typed?: Typed,
): FlowSteps {
  const step = () =>
    plan ? (
      <Review
        {...props}
        pair={plan.diff}
        values={plan.values}
        changes={plan.liveChanges ?? []}
        {...text(plan)}
        {...(typed ? { typed } : {})}
      />
    ) : null;
  return { review: step, confirm: step, "confirm.typed": step };
}
