import type { ReleaseRef } from "../../state/backend.js";
import type { CommandScope } from "../../state/commandLine.js";
import type { Screen } from "../keyContext.js";
import type { ViewerMetrics, ViewerState } from "../viewer.js";

/** What every flow panel gets besides its flow: the screen, the viewer and the room. */
export interface PanelProps {
  screen: Screen;
  viewer: ViewerState;
  confirmYes: boolean;
  height: number;
  width: number;
  wide: boolean;
  onMetrics: (m: ViewerMetrics) => void;
  /** Where the app is, for the command lines a confirmation shows. */
  scope: CommandScope;
}

export function releaseLabel(r: ReleaseRef): string {
  return `${r.namespace}/${r.name}`;
}

/** How the confirm question names an apply method. */
export function applyMethodLabel(method: "ssa" | "csa"): string {
  return method === "ssa" ? "server-side apply" : "client-side apply, as helm 3";
}
