import { inspect } from "node:util";
import type { ReleaseStatus } from "../../engine/release/types.js";

export type Style = "green" | "red" | "yellow" | "gray" | "magenta" | "cyan" | "bold" | "dim";

/**
 * Applies a terminal style only when colour is on. The caller decides (TTY,
 * NO_COLOR); util.styleText would second-guess it by looking at process.stdout.
 */
export function paint(enabled: boolean, style: Style, text: string): string {
  if (!enabled) return text;
  const [open, close] = inspect.colors[style === "gray" ? "gray" : style] ?? [0, 0];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

/** The colour of a release status, the same in every command and in the TUI. */
export function statusStyle(status: ReleaseStatus | string): Style {
  switch (status) {
    case "deployed":
      return "green";
    case "failed":
      return "red";
    case "pending-install":
    case "pending-upgrade":
    case "pending-rollback":
    case "uninstalling":
      return "yellow";
    case "superseded":
    case "uninstalled":
      return "gray";
    default:
      return "magenta";
  }
}
