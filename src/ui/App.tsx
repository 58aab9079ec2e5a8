import { Spinner } from "@inkjs/ui";
import { Box, Text, useApp } from "ink";
import React, { useEffect, useMemo, useRef } from "react";
import type { AppOptions, ValuesEditor } from "../state/appTypes.js";
import type { Backend } from "../state/backend.js";
import {
  countsByStatus,
  namespaceItems,
  scopeLabel,
  selectFlow,
  visibleReleases,
} from "../state/selectors.js";
import { WHEELHOUSE_VERSION } from "../version.js";
import { DetailPane } from "./components/DetailPane.js";
import { ErrorBox } from "./components/ErrorBox.js";
import { FlowPanel, panelFlow } from "./components/FlowPanel.js";
import { Header } from "./components/Header.js";
import { HelpOverlay } from "./components/HelpOverlay.js";
import { KeyHints } from "./components/KeyHints.js";
import { NamespacesPane } from "./components/NamespacesPane.js";
import { ReleasesTable } from "./components/ReleasesTable.js";
import { RevisionTimeline } from "./components/RevisionTimeline.js";
import { ConfirmDialog } from "./components/ConfirmDialog.js";
import { useAppActor } from "./hooks/useAppActor.js";
import { useKeyboard, useUiState } from "./hooks/useKeyboard.js";
import { useLayout } from "./hooks/useLayout.js";
import type { KeyContext } from "./keymap.js";
import { documentOf, screenOf } from "./screen.js";
import { makeTheme, noColorRequested, ThemeProvider, useTheme } from "./theme.js";
import type { ViewerMetrics } from "./viewer.js";

export interface AppProps {
  backend: Backend;
  options: AppOptions;
  /** Defaults to the NO_COLOR environment variable. */
  noColor?: boolean;
  /** The clock for ages; tests pin it. */
  now?: () => Date;
  /** Called once the user has quit, just before Ink exits. */
  onQuit?: () => void;
  /** Opens values in the user's editor; without it the upgrade flow offers reuse and reset only. */
  editor?: ValuesEditor;
}

/** The whole terminal UI: renders the statechart's snapshot and turns keys into its events. */
export function App(props: AppProps) {
  const theme = useMemo(() => makeTheme(props.noColor ?? noColorRequested()), [props.noColor]);
  return (
    <ThemeProvider theme={theme}>
      <Screen {...props} />
    </ThemeProvider>
  );
}

function Screen(props: AppProps) {
  const { exit } = useApp();
  const theme = useTheme();
  const layout = useLayout();
  const [snap, actor] = useAppActor({
    backend: props.backend,
    options: props.options,
    ...(props.editor ? { editor: props.editor } : {}),
  });
  const ui = useUiState();
  const { help, input, confirmYes, viewer, message, setConfirmYes, setViewer } = ui;
  const metrics = useRef<ViewerMetrics>({ maxScroll: 0, anchors: [], page: 1 });
  const ctx = snap.context;
  const flow = selectFlow(snap);
  const now = props.now?.() ?? new Date();

  useEffect(() => {
    if (snap.status !== "done") return;
    props.onQuit?.();
    exit();
  }, [snap.status, exit, props.onQuit]);

  const screen = screenOf(snap, help, input);
  // A new question or a new document starts from the safe answer and the top.
  useEffect(() => setConfirmYes(false), [screen]);
  const document = documentOf(snap);
  useEffect(() => setViewer((v) => ({ ...v, scroll: 0 })), [document]);
  // A reveal (x) holds for the document it was asked on only: a new diff never
  // shows Secret values, not even for the one frame before an effect could run.
  const shownViewer = { ...viewer, reveal: viewer.reveal && viewer.revealedDoc === document };

  const keyContext: KeyContext = {
    screen,
    focus: ctx.focus,
    view: ctx.detail?.view,
    readonly: ctx.options.readonly,
    wide: layout.wide,
  };
  const helpContext: KeyContext = { ...keyContext, screen: screenOf(snap, false, input) };
  const releases = visibleReleases(ctx);
  const nsItems = namespaceItems(ctx);
  const counts = useMemo(() => countsByStatus(ctx.releases), [ctx.releases]);

  useKeyboard({ actor, layout, ui, metrics });

  const body = (h: number) => {
    const common = {
      screen: screen === "quit" ? screenOf(snap, help, input, true) : screen,
      viewer: shownViewer,
      confirmYes,
      height: h,
      width: layout.columns,
      wide: layout.wide,
      onMetrics: (m: ViewerMetrics) => (metrics.current = m),
    };
    if (snap.status === "done") return <Box height={h} />;
    if (screen === "boot")
      return (
        <Box height={h}>
          <Spinner
            label={
              flow?.kind === "contextSwitch"
                ? `Switching to context ${flow.snapshot.context.name}…`
                : "Connecting to the cluster…"
            }
          />
        </Box>
      );
    if (snap.matches("bootFailed"))
      return (
        <Box height={h} flexDirection="column">
          <ErrorBox error={ctx.bootError ?? { message: "failed" }} title="Cannot start" retry />
          <Text color={theme.color("dim")}>:ctx NAME to try another context, q to quit</Text>
        </Box>
      );
    if (screen === "help")
      return <HelpOverlay context={helpContext} height={h} width={layout.columns} />;
    const panel = panelFlow(flow);
    if (panel) return <FlowPanel {...common} flow={panel} />;
    const showNs = ctx.scope.namespace === undefined;
    const releasesWidth = layout.columns - layout.namespacesWidth;
    return (
      <Box flexDirection="column" height={h}>
        <Box height={Math.min(layout.topHeight, h - 3)}>
          <NamespacesPane
            items={nsItems}
            cursor={ctx.cursors.namespaces}
            current={ctx.scope.namespace}
            focused={ctx.focus === "namespaces"}
            height={layout.topHeight}
            width={layout.namespacesWidth}
            forbidden={ctx.namespaces?.forbidden ?? false}
            filter={ctx.filters.namespaces}
          />
          <ReleasesTable
            releases={releases}
            cursor={ctx.cursors.releases}
            focused={ctx.focus === "releases"}
            height={layout.topHeight}
            innerWidth={releasesWidth - 2}
            showNamespace={showNs}
            filter={ctx.filters.releases}
            loading={!ctx.releasesLoaded}
            error={ctx.listError}
            now={now}
          />
        </Box>
        <Box height={layout.bottomHeight}>
          <RevisionTimeline
            release={ctx.selected}
            revisions={ctx.revisions}
            cursor={ctx.cursors.history}
            marked={ctx.marked}
            focused={ctx.focus === "history"}
            height={layout.bottomHeight}
            width={layout.historyWidth}
            loading={snap.matches({ app: { revisions: "loading" } })}
            error={ctx.historyError}
            now={now}
          />
          <DetailPane
            request={ctx.detailRequest}
            detail={ctx.detail}
            loading={snap.matches({ app: { detail: "loading" } })}
            error={ctx.detailError}
            viewer={shownViewer}
            focused={ctx.focus === "detail"}
            height={layout.bottomHeight}
            width={layout.columns - layout.historyWidth}
            wide={layout.wide}
            onMetrics={common.onMetrics}
          />
        </Box>
      </Box>
    );
  };

  const statusLine = () => {
    if (screen === "quit")
      return <ConfirmDialog question="An operation is running. Quit anyway?" yes={confirmYes} />;
    if (input)
      return (
        <Text wrap="truncate">
          <Text color={theme.color("accent")}>{input.kind === "filter" ? "/" : ":"}</Text>
          {input.text}
          <Text inverse> </Text>
        </Text>
      );
    const note = message ?? ctx.notice;
    if (note)
      return (
        <Text color={theme.color("warn")} wrap="truncate">
          {note}
        </Text>
      );
    return <Text color={theme.color("dim")}> </Text>;
  };

  return (
    <Box flexDirection="column" width={layout.columns}>
      <Header
        version={WHEELHOUSE_VERSION}
        cluster={ctx.cluster}
        scope={ctx.cluster ? scopeLabel(ctx) : "…"}
        counts={counts}
        total={ctx.releases.length}
        readonly={ctx.options.readonly}
        width={layout.columns}
      />
      {body(screen === "quit" ? layout.bodyHeight - 3 : layout.bodyHeight)}
      {statusLine()}
      <KeyHints context={keyContext} width={layout.columns} />
    </Box>
  );
}
