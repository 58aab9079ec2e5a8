import { selectFlow, selectScreen } from "../state/selectors.js";
import type { AppSnapshot } from "./hooks/useAppActor.js";
import type { Screen } from "./keyContext.js";

/** A text line the UI itself owns: the / filter or the : command line. */
export type InputMode = { kind: "filter" | "command"; text: string };

/**
 * Which screen is in front, from the statechart's state and the UI's own
 * overlays; keys and hints are chosen by it. `underQuit` looks past the quit question.
 */
export function screenOf(
  snap: AppSnapshot,
  help: boolean,
  input: InputMode | undefined,
  underQuit = false,
): Screen {
  const screen = selectScreen(snap, underQuit);
  if (screen === "boot" || screen === "quit") return screen;
  // `:ctx NAME` works on the error screen too: another cluster may answer.
  if (screen === "bootFailed") return input?.kind === "command" ? "command" : "bootFailed";
  if (help) return "help";
  if (screen !== "browse") return screen;
  return input ? input.kind : "browse";
}

/** What the viewer shows: a flow's plan, else the detail pane's content. */
export function documentOf(snap: AppSnapshot): unknown {
  const flow = selectFlow(snap);
  const plan =
    flow?.kind === "rollback" || flow?.kind === "upgrade" ? flow.snapshot.context.plan : undefined;
  return plan ?? snap.context.detail;
}
