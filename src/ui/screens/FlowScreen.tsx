import React from "react";
import {
  RecoverPanel,
  RollbackPanel,
  UninstallPanel,
  UpgradePanel,
} from "../components/FlowPanel.js";
import type { FlowView } from "../flowView.js";

/** What every flow panel is drawn with, besides its flow. */
type FlowScreenProps = Omit<React.ComponentProps<typeof RollbackPanel>, "flow">;

/** The panel of the flow under way: upgrade, rollback, uninstall or recover. */
export function FlowScreen(props: FlowScreenProps & { flows: FlowView }) {
  const { flows, ...common } = props;
  if (flows.rollback) return <RollbackPanel {...common} flow={flows.rollback} />;
  if (flows.upgrade) return <UpgradePanel {...common} flow={flows.upgrade} />;
  if (flows.uninstall) return <UninstallPanel {...common} flow={flows.uninstall} />;
  if (flows.recover) return <RecoverPanel {...common} flow={flows.recover} />;
  return null;
}
