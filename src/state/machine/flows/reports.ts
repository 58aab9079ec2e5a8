import type { AppError } from "../../appTypes.js";
import type { Backend, OperationProgress, ReleaseRef } from "../../backend.js";

/**
 * What a flow tells the app while it runs and as it ends; the app owns the
 * lists, the selection and the status line, so it decides what follows.
 */
export type FlowReport =
  /** A line for the status bar; undefined clears it. */
  | { type: "FLOW.NOTICE"; notice: string | undefined }
  /** The flow changed the cluster: refresh, and put the history cursor on `revision`. */
  | { type: "FLOW.APPLIED"; revision?: number }
  | { type: "FLOW.UNINSTALLED"; release: ReleaseRef; keepHistory: boolean }
  /** `:ctx NAME` reached the other context: everything else starts over on its backend. */
  | { type: "CONTEXT.SWITCHED"; backend: Backend }
  | { type: "CONTEXT.SWITCH_FAILED"; notice: string; error: AppError };

/** A step of an operation, which the engine reports to the flow running it. */
export type ProgressEvent = { type: "PROGRESS"; progress: OperationProgress };
