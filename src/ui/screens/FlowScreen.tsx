import React from "react";
import type { ActiveFlow } from "../../state/selectors.js";
import type { PanelProps } from "../flows/panelProps.js";
import { RecoverPanel } from "../flows/RecoverPanel.js";
import { RollbackPanel } from "../flows/RollbackPanel.js";
import { UninstallPanel } from "../flows/UninstallPanel.js";
import { UpgradePanel } from "../flows/UpgradePanel.js";

/** The flows that take the body of the screen (a context switch shows the boot screen). */
export type PanelFlow = Exclude<ActiveFlow, { kind: "contextSwitch" }>;

type Panel<K extends PanelFlow["kind"]> = (
  props: PanelProps & { flow: Extract<PanelFlow, { kind: K }>["snapshot"]["context"] },
) => React.ReactNode;

/** One panel per flow: a new flow is a panel and a row here. */
const PANELS: { [K in PanelFlow["kind"]]: Panel<K> } = {
  rollback: RollbackPanel,
  upgrade: UpgradePanel,
  uninstall: UninstallPanel,
  recover: RecoverPanel,
};

/** The panel of the flow in front: upgrade, rollback, uninstall or recover. */
export function FlowScreen(props: PanelProps & { flow: PanelFlow }) {
  const { flow, ...common } = props;
  // Each row takes its own kind's context; TypeScript cannot follow the kind through the lookup.
  const Panel = PANELS[flow.kind] as Panel<PanelFlow["kind"]>;
  return <Panel {...common} flow={flow.snapshot.context} />;
}

/** The flow the body shows a panel for, if any. */
export function panelFlow(flow: ActiveFlow | undefined): PanelFlow | undefined {
  return flow && flow.kind !== "contextSwitch" ? flow : undefined;
}
