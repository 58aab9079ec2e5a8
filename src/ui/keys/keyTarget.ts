import type { AppEvent } from "../../state/appTypes.js";
import type { AppSnapshot } from "../hooks/useAppActor.js";
import type { KeyContext } from "../keyContext.js";
import type { InputMode } from "../screen.js";
import type { ViewerMetrics, ViewerState } from "../viewer.js";

/**
 * What a key's effect acts on: the app actor, and the UI's own state (overlays,
 * the text line, the viewer, a message). Read as of the keypress: keys can
 * arrive faster than renders.
 */
export interface KeyTarget {
  /** Where the key was pressed. */
  at: KeyContext;
  snap: AppSnapshot;
  /** The / filter or : command line being typed, if any. */
  input: InputMode | undefined;
  /** Whether a dialog's highlighted answer is yes. */
  confirmYes: boolean;
  viewer: ViewerState;
  metrics: ViewerMetrics;
  /** Rows a page moves the focused list by. */
  listPage: number;
  send(event: AppEvent): void;
  setHelp(open: boolean): void;
  setInput(mode: InputMode | undefined): void;
  setConfirmYes(update: (yes: boolean) => boolean): void;
  setViewer(update: (viewer: ViewerState) => ViewerState): void;
  /** Shows a one-line message until the next key. */
  say(message: string): void;
}

export type KeyEffect = (target: KeyTarget) => void;

/** The effect of sending these events to the app actor, in order. */
export function send(...events: AppEvent[]): KeyEffect {
  return (k) => {
    for (const event of events) k.send(event);
  };
}
