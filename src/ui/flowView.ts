import type { AppSnapshot } from "./hooks/useAppActor.js";

/**
 * The flow data the UI shows and types into (upgrade, rollback, uninstall,
 * recover, a context switch): the one place that knows where the app keeps it.
 */
export function flowView(snap: AppSnapshot) {
  const { rollback, upgrade, uninstall, recover, switchingTo } = snap.context;
  return {
    rollback,
    upgrade,
    uninstall,
    recover,
    /** A flow has a panel to show. */
    active: Boolean(rollback ?? upgrade ?? uninstall ?? recover),
    /** The kube context being switched to (`:ctx NAME`). */
    switchingTo,
    /** The chart typed in the upgrade flow. */
    upgradeChart: upgrade?.chart ?? "",
    /** The release name typed to confirm an uninstall. */
    uninstallTyped: uninstall?.typed ?? "",
  };
}

export type FlowView = ReturnType<typeof flowView>;
