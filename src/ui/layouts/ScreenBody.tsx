import { commandScope } from "../../state/commandLine.js";
import { Box } from "ink";
import React from "react";
import { HelpOverlay } from "../components/HelpOverlay.js";
import { useAppActorContext } from "../contexts/AppActorContext.js";
import { useUiState } from "../contexts/UiStateContext.js";
import type { Layout } from "../hooks/useLayout.js";
import { keyContextOf, type Screen } from "../keyContext.js";
import { selectFlow } from "../../state/selectors.js";
import { screenOf } from "../screen.js";
import { BootFailedScreen } from "../screens/BootFailedScreen.js";
import { BootScreen } from "../screens/BootScreen.js";
import { BrowseScreen } from "../screens/BrowseScreen.js";
import { FlowScreen, panelFlow } from "../screens/FlowScreen.js";
import type { ViewerMetrics, ViewerState } from "../viewer.js";

/** Everything between the header and the status line: the screen in front. */
export function ScreenBody(props: {
  screen: Screen;
  height: number;
  layout: Layout;
  viewer: ViewerState;
  now: Date;
}) {
  const { snap } = useAppActorContext();
  const ui = useUiState();
  const { screen, height, layout, viewer } = props;
  const onMetrics = (m: ViewerMetrics) => (ui.metrics.current = m);
  const flow = selectFlow(snap);
  const panel = panelFlow(flow);
  if (snap.status === "done") return <Box height={height} />;
  if (screen === "boot")
    return (
      <BootScreen
        height={height}
        switchingTo={flow?.kind === "contextSwitch" ? flow.snapshot.context.name : undefined}
      />
    );
  // Under the : line too: `:ctx NAME` is typed on this screen.
  if (screenOf(snap, false, undefined) === "bootFailed")
    return <BootFailedScreen height={height} error={snap.context.bootError} />;
  if (screen === "help") {
    const under = keyContextOf(snap, screenOf(snap, false, ui.input), layout.wide);
    return <HelpOverlay context={under} height={height} width={layout.columns} />;
  }
  if (panel)
    return (
      <FlowScreen
        flow={panel}
        screen={screen === "quit" ? screenOf(snap, ui.help, ui.input, true) : screen}
        viewer={viewer}
        confirmYes={ui.confirmYes}
        height={height}
        width={layout.columns}
        wide={layout.wide}
        onMetrics={onMetrics}
        scope={commandScope(snap.context)}
      />
    );
  return (
    <BrowseScreen
      snap={snap}
      layout={layout}
      height={height}
      viewer={viewer}
      now={props.now}
      wide={layout.wide}
      onMetrics={onMetrics}
    />
  );
}
