import React from "react";
import {
  RecoverPanel,
  RollbackPanel,
  UninstallPanel,
  UpgradePanel,
} from "../components/FlowPanel.js";
import type { FlowView } from "../flowView.js";
import type { Screen } from "../keymap.js";
import type { ViewerMetrics, ViewerState } from "../viewer.js";

/** What every flow panel is drawn with. */
export interface FlowScreenProps {
  screen: Screen;
  viewer: ViewerState;
  confirmYes: boolean;
  height: number;
  width: number;
  wide: boolean;
  onMetrics: (m: ViewerMetrics) => void;
}

/** The panel of the flow under way: upgrade, rollback, uninstall or recover. */
export function FlowScreen(props: FlowScreenProps & { flows: FlowView }) {
  const { flows, ...common } = props;
  if (flows.rollback) return <RollbackPanel {...common} flow={flows.rollback} />;
  if (flows.upgrade) return <UpgradePanel {...common} flow={flows.upgrade} />;
  if (flows.uninstall) return <UninstallPanel {...common} flow={flows.uninstall} />;
  if (flows.recover) return <RecoverPanel {...common} flow={flows.recover} />;
  return null;
}
