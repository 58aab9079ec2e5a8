import React from "react";
import type { AppError } from "../../state/appTypes.js";
import { ErrorBox } from "../components/ErrorBox.js";
import { Pane } from "../components/Pane.js";
import type { Screen } from "../keyContext.js";

/** What a flow shows on each of its screens (drawn only when on it). */
export type FlowSteps = Partial<Record<Screen, () => React.ReactNode>>;

/**
 * A flow's panel: its title over the step on screen. A failure looks the same
 * in every flow (why, and that r retries); `steps` draws the rest.
 */
export function FlowFrame(props: {
  title: string;
  screen: Screen;
  height: number;
  failure: { title: string; error?: AppError | undefined };
  steps: FlowSteps;
  footer?: React.ReactNode;
}) {
  const body =
    props.screen === "failed" ? (
      <ErrorBox
        error={props.failure.error ?? { message: "failed" }}
        title={props.failure.title}
        retry
      />
    ) : (
      props.steps[props.screen]?.()
    );
  return (
    <Pane title={props.title} focused height={props.height}>
      {body}
      {props.footer}
    </Pane>
  );
}
