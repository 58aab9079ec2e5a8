import { commandLine } from "../shellWords.js";
import type { ReleaseRef, UpgradeRequest } from "./backend.js";

/**
 * The command lines a UI action stands for, to copy into a shell or a runbook: `wheelhouse …`,
 * and `helm …` where helm has the command. Flags are added only where they differ from what a
 * shell would get anyway: `-n` when the release is not in the context's namespace,
 * `--kube-context` when the UI is not on the kubeconfig's current context.
 */
export type UiAction =
  | { kind: "upgrade"; request: UpgradeRequest }
  | { kind: "rollback"; release: ReleaseRef; target: number }
  | { kind: "uninstall"; release: ReleaseRef; keepHistory: boolean }
  | { kind: "recover"; release: ReleaseRef };

/** Where the UI is: what `-n` and `--kube-context` are compared with. */
export interface CommandScope {
  /** The context the UI is on. */
  context?: string;
  /** The kubeconfig's current-context: a shell's default. */
  defaultContext?: string;
  /** The UI context's own namespace: a shell's default. */
  defaultNamespace?: string;
}

/** What an edited values file is called in the command (the edits live only in the UI). */
export const EDITED_VALUES_FILE = "edited-values.yaml";

export interface EquivalentCommands {
  wheelhouse: string;
  /** Absent where helm has no such command (recover). */
  helm?: string;
}

/** The scope of the app's commands now. */
export function commandScope(ctx: {
  options: { context?: string; defaultContext?: string };
  cluster?: { context: string; namespace: string };
}): CommandScope {
  const context = ctx.cluster?.context ?? ctx.options.context;
  return {
    ...(context !== undefined ? { context } : {}),
    // Without the kubeconfig's own (tests, the demo), the context the app opened on stands in.
    ...(ctx.options.defaultContext !== undefined
      ? { defaultContext: ctx.options.defaultContext }
      : ctx.options.context !== undefined
        ? { defaultContext: ctx.options.context }
        : {}),
    ...(ctx.cluster ? { defaultNamespace: ctx.cluster.namespace } : {}),
  };
}

export function equivalentCommands(action: UiAction, scope: CommandScope): EquivalentCommands {
  const release = action.kind === "upgrade" ? action.request.release : action.release;
  const where = [
    ...(release.namespace !== scope.defaultNamespace ? ["-n", release.namespace] : []),
    ...(scope.context !== undefined && scope.context !== scope.defaultContext
      ? ["--kube-context", scope.context]
      : []),
  ];
  const line = (program: string, args: string[]) => commandLine([program, ...args, ...where]);
  switch (action.kind) {
    case "upgrade": {
      const { request } = action;
      const args = [
        "upgrade",
        release.name,
        request.chart,
        ...(request.version ? ["--version", request.version] : []),
        ...valuesFlags(request.values),
      ];
      return { wheelhouse: line("wheelhouse", args), helm: line("helm", args) };
    }
    case "rollback": {
      const args = ["rollback", release.name, String(action.target)];
      return { wheelhouse: line("wheelhouse", args), helm: line("helm", args) };
    }
    case "uninstall": {
      const args = ["uninstall", release.name, ...(action.keepHistory ? ["--keep-history"] : [])];
      return { wheelhouse: line("wheelhouse", args), helm: line("helm", args) };
    }
    case "recover":
      return { wheelhouse: line("wheelhouse", ["recover", release.name]) };
  }
}

/** The UI's values choices as flags: reuse is what an upgrade without values does (as helm). */
function valuesFlags(values: UpgradeRequest["values"]): string[] {
  switch (values.mode) {
    case "reuse":
      return [];
    case "reset":
      return ["--reset-values"];
    case "edited":
      return ["--reset-values", "-f", EDITED_VALUES_FILE];
  }
}
