import { styleText } from "node:util";
import type { ReleaseStatus } from "../../engine/release/types.js";

type Style = Parameters<typeof styleText>[0];

/** Applies a terminal style only when colour is on. */
export function paint(enabled: boolean, style: Style, text: string): string {
  return enabled ? styleText(style, text) : text;
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
