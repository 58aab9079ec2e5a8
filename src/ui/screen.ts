import type { AppSnapshot } from "./hooks/useAppActor.js";
import type { Screen } from "./keymap.js";

/** A text line the UI itself owns: the / filter or the : command line. */
export type InputMode = { kind: "filter" | "command"; text: string };

const FLOW_SCREENS: Record<string, Screen> = {
  planning: "planning",
  review: "review",
  confirm: "confirm",
  applying: "applying",
  running: "applying",
  result: "result",
  failed: "failed",
};

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
  if (snap.matches("boot") || snap.matches("switching") || snap.status === "done") return "boot";
  // `:ctx NAME` works on the error screen too: another cluster may answer.
  if (snap.matches("bootFailed")) return input?.kind === "command" ? "command" : "bootFailed";
  if (!underQuit && snap.matches({ app: { quit: "asking" } })) return "quit";
  if (help) return "help";
  const mode = (snap.value as { app?: { mode?: unknown } }).app?.mode;
  if (mode && typeof mode === "object") {
    const [flow, step] = Object.entries(mode as Record<string, string>)[0]!;
    if (flow === "upgrade" && (step === "chart" || step === "values" || step === "editing")) {
      return `upgrade.${step}`;
    }
    if (flow === "uninstall" && step === "confirm") return "uninstall.confirm";
    return FLOW_SCREENS[step] ?? "browse";
  }
  if (input) return input.kind;
  return "browse";
}

/** What the viewer shows: a flow's plan, else the detail pane's content. */
export function documentOf(ctx: AppSnapshot["context"]): unknown {
  return ctx.rollback?.plan ?? ctx.upgrade?.plan ?? ctx.detail;
}
