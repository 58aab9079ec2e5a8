import { isReadonly } from "../state/contextSafety.js";
import type { Pane, ViewKind } from "../state/appTypes.js";
import type { StateScreen } from "../state/selectors.js";
import type { AppSnapshot } from "./hooks/useAppActor.js";

/** Where the keyboard is: which screen is in front, as far as keys are concerned. */
export type Screen = StateScreen | "filter" | "command" | "help";

export interface KeyContext {
  screen: Screen;
  focus: Pane;
  /** The view the detail pane shows, when one is open. */
  view?: ViewKind;
  readonly: boolean;
  /** At least 160 columns: side-by-side diffs are possible. */
  wide: boolean;
}

/** The key context of a snapshot with `screen` in front. */
export function keyContextOf(snap: AppSnapshot, screen: Screen, wide: boolean): KeyContext {
  const ctx = snap.context;
  // The view asked for, even while it loads: a key pressed then (n after d) is the new view's.
  const view = ctx.detailRequest?.view ?? ctx.detail?.view;
  return { screen, focus: ctx.focus, view, readonly: isReadonly(ctx), wide };
}
