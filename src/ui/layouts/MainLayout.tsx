import { currentSafety } from "../../state/contextSafety.js";
import { Box } from "ink";
import React, { useEffect, useMemo } from "react";
import { countsByStatus, scopeLabel, youngestUpdate } from "../../state/selectors.js";
import { WHEELHOUSE_VERSION } from "../../version.js";
import { Header } from "../components/Header.js";
import { KeyHints } from "../components/KeyHints.js";
import { StatusLine } from "../components/StatusLine.js";
import { useAppActorContext } from "../contexts/AppActorContext.js";
import { useUiState } from "../contexts/UiStateContext.js";
import { useClock } from "../hooks/useClock.js";
import { useKeyboard } from "../hooks/useKeyboard.js";
import { useLayout } from "../hooks/useLayout.js";
import { keyContextOf } from "../keyContext.js";
import { untilAgeChanges } from "../format.js";
import { documentOf, screenOf } from "../screen.js";
import { ScreenBody } from "./ScreenBody.js";

/** The frame of every screen: header, the screen in front, status line, key hints. */
const wallClock = () => new Date();

export function MainLayout(props: { now: (() => Date) | undefined }) {
  const layout = useLayout();
  const { snap } = useAppActorContext();
  const ui = useUiState();
  const ctx = snap.context;
  const screen = screenOf(snap, ui.help, ui.input);
  // A new question or a new document starts from the safe answer and the top.
  useEffect(() => ui.setConfirmYes(false), [screen]);
  const document = documentOf(snap);
  useEffect(() => ui.setViewer((v) => ({ ...v, scroll: 0, resource: undefined })), [document]);
  // A reveal (x) holds for the document it was asked on only: a new diff never
  // shows Secret values, not even for the one frame before an effect could run.
  const viewer = { ...ui.viewer, reveal: ui.viewer.reveal && ui.viewer.revealedDoc === document };
  const counts = useMemo(() => countsByStatus(ctx.releases), [ctx.releases]);
  const youngest = useMemo(() => youngestUpdate(ctx), [ctx.releases, ctx.revisions]);
  const now = useClock(props.now ?? wallClock, youngest, untilAgeChanges);
  useKeyboard(layout);
  const quitting = screen === "quit";
  return (
    <Box flexDirection="column" width={layout.columns}>
      <Header
        version={WHEELHOUSE_VERSION}
        cluster={ctx.cluster}
        scope={ctx.cluster ? scopeLabel(ctx) : "…"}
        counts={counts}
        total={ctx.releases.length}
        readonly={ctx.options.readonly}
        safety={currentSafety(ctx)}
        width={layout.columns}
      />
      <ScreenBody
        screen={screen}
        height={quitting ? layout.bodyHeight - 3 : layout.bodyHeight}
        layout={layout}
        viewer={viewer}
        now={now}
      />
      <StatusLine
        quitting={quitting}
        confirmYes={ui.confirmYes}
        input={ui.input}
        note={ui.message ?? ctx.notice}
      />
      <KeyHints context={keyContextOf(snap, screen, layout.wide)} width={layout.columns} />
    </Box>
  );
}
