import { Spinner } from "@inkjs/ui";
import { Box, Text, useApp, useInput } from "ink";
import React, { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { AppEvent, AppOptions, ValuesEditor } from "../state/appTypes.js";
import type { Backend } from "../state/backend.js";
import { countsByStatus, namespaceItems, scopeLabel, visibleReleases } from "../state/selectors.js";
import { WHEELHOUSE_VERSION } from "../version.js";
import { DetailPane } from "./components/DetailPane.js";
import { ErrorBox } from "./components/ErrorBox.js";
import { RollbackPanel, UninstallPanel, UpgradePanel } from "./components/FlowPanel.js";
import { Header } from "./components/Header.js";
import { HelpOverlay } from "./components/HelpOverlay.js";
import { KeyHints } from "./components/KeyHints.js";
import { NamespacesPane } from "./components/NamespacesPane.js";
import { ReleasesTable } from "./components/ReleasesTable.js";
import { RevisionTimeline } from "./components/RevisionTimeline.js";
import { ConfirmDialog } from "./components/ConfirmDialog.js";
import { useAppActor, type AppSnapshot } from "./hooks/useAppActor.js";
import { useLayout } from "./hooks/useLayout.js";
import { keyName, resolveKey, type Action, type KeyContext, type Screen } from "./keymap.js";
import { makeTheme, noColorRequested, ThemeProvider, useTheme } from "./theme.js";
import { INITIAL_VIEWER, type ViewerMetrics, type ViewerState } from "./viewer.js";

function useRefState<T>(initial: T): [T, (next: T | ((prev: T) => T)) => void, React.RefObject<T>] {
  const [value, setValue] = useState(initial);
  const ref = useRef(value);
  const set = useCallback((next: T | ((prev: T) => T)) => {
    ref.current = typeof next === "function" ? (next as (prev: T) => T)(ref.current) : next;
    setValue(ref.current);
  }, []);
  return [value, set, ref];
}

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

type InputMode = { kind: "filter" | "command"; text: string };

const FLOW_SCREENS: Record<string, Screen> = {
  planning: "planning",
  review: "review",
  confirm: "confirm",
  applying: "applying",
  running: "applying",
  result: "result",
  failed: "failed",
};

function screenOf(
  snap: AppSnapshot,
  help: boolean,
  input: InputMode | undefined,
  underQuit = false,
): Screen {
  if (snap.matches("boot") || snap.status === "done") return "boot";
  if (snap.matches("bootFailed")) return "bootFailed";
  if (!underQuit && snap.matches({ app: { quit: "asking" } })) return "quit";
  if (help) return "help";
  const mode = (snap.value as { app?: { mode?: unknown } }).app?.mode;
  if (mode && typeof mode === "object") {
    const [flow, step] = Object.entries(mode as Record<string, string>)[0]!;
    if (flow === "upgrade" && (step === "chart" || step === "values" || step === "editing")) {
      return `upgrade.${step}`;
    }
    if (flow === "uninstall" && step === "confirm") return "uninstall.confirm";
    return FLOW_SCREENS[step] ?? "browse";
  }
  if (input) return input.kind;
  return "browse";
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
  // Keys can arrive faster than renders: handlers read these through refs, never stale closures.
  const [help, setHelp, helpRef] = useRefState(false);
  const [input, setInput, inputRef] = useRefState<InputMode | undefined>(undefined);
  const [confirmYes, setConfirmYes, confirmRef] = useRefState(false);
  const [viewer, setViewer, viewerRef] = useRefState<ViewerState>(INITIAL_VIEWER);
  const [message, setMessage] = useState<string | undefined>();
  const metrics = useRef<ViewerMetrics>({ maxScroll: 0, anchors: [], page: 1 });
  const ctx = snap.context;
  const now = props.now?.() ?? new Date();

  useEffect(() => {
    if (snap.status !== "done") return;
    props.onQuit?.();
    exit();
  }, [snap.status, exit, props.onQuit]);

  const screen = screenOf(snap, help, input);
  // A new question or a new document starts from the safe answer and the top.
  useEffect(() => setConfirmYes(false), [screen]);
  const document = ctx.rollback?.plan ?? ctx.upgrade?.plan ?? ctx.detail;
  useEffect(() => setViewer((v) => ({ ...v, scroll: 0 })), [document]);

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

  const send = (event: AppEvent) => actor.send(event);
  const scrollBy = (delta: number) =>
    setViewer((v) => ({
      ...v,
      scroll: Math.max(
        0,
        Math.min(metrics.current.maxScroll, Math.min(v.scroll, metrics.current.maxScroll) + delta),
      ),
    }));
  const listPage = Math.max(
    1,
    (ctx.focus === "history" ? layout.bottomHeight : layout.topHeight) - 4,
  );

  /** The state as of now, for key handlers. */
  const live = () => {
    const s = actor.getSnapshot();
    return {
      ctx: s.context,
      screen: screenOf(s, helpRef.current, inputRef.current),
      input: inputRef.current,
      confirmYes: confirmRef.current,
      viewer: viewerRef.current,
    };
  };

  const runCommand = (line: string) => {
    const [verb, arg] = line.trim().split(/\s+/);
    if (verb === "q" || verb === "quit") send({ type: "QUIT" });
    else if ((verb === "ns" || verb === "namespace") && arg) {
      send(arg === "all" ? { type: "SCOPE.SET" } : { type: "SCOPE.SET", namespace: arg });
    } else if (verb === "ctx" || verb === "context") {
      setMessage("Switching context needs a restart: wheelhouse --context NAME");
    } else if (verb) setMessage(`Unknown command :${line.trim()} (try :ns NAME, :ns all, :q)`);
  };

  const typing = (text: string) => {
    const { screen, input } = live();
    if (screen === "filter" || screen === "command") {
      const next = { kind: input!.kind, text };
      setInput(next);
      if (next.kind === "filter") send({ type: "FILTER.SET", text });
    } else if (screen === "upgrade.chart") send({ type: "UPGRADE.CHART", chart: text });
    else if (screen === "uninstall.confirm") send({ type: "UNINSTALL.TYPE", text });
  };
  const currentText = (): string => {
    const { ctx, screen, input } = live();
    return screen === "upgrade.chart"
      ? (ctx.upgrade?.chart ?? "")
      : screen === "uninstall.confirm"
        ? (ctx.uninstall?.typed ?? "")
        : (input?.text ?? "");
  };

  const perform = (action: Action): void => {
    const { ctx, screen, input, confirmYes, viewer } = live();
    setMessage(undefined);
    const viewerFocused = screen !== "browse" || ctx.focus === "detail";
    switch (action) {
      case "move.down":
        return viewerFocused ? scrollBy(1) : send({ type: "MOVE", delta: 1 });
      case "move.up":
        return viewerFocused ? scrollBy(-1) : send({ type: "MOVE", delta: -1 });
      case "page.down":
        return viewerFocused
          ? scrollBy(metrics.current.page)
          : send({ type: "MOVE", delta: listPage });
      case "page.up":
        return viewerFocused
          ? scrollBy(-metrics.current.page)
          : send({ type: "MOVE", delta: -listPage });
      case "first":
        return viewerFocused ? scrollBy(-Infinity) : send({ type: "MOVE.TO", position: "first" });
      case "last":
        return viewerFocused ? scrollBy(Infinity) : send({ type: "MOVE.TO", position: "last" });
      case "focus.next":
        return send({ type: "FOCUS.NEXT" });
      case "focus.prev":
        return send({ type: "FOCUS.PREV" });
      case "open":
        return send({ type: "OPEN" });
      case "back":
        return send({ type: "BACK" });
      case "filter": {
        const pane = ctx.focus === "namespaces" ? "namespaces" : "releases";
        return setInput({ kind: "filter", text: ctx.filters[pane] });
      }
      case "command":
        return setInput({ kind: "command", text: "" });
      case "help":
        return setHelp(true);
      case "help.close":
        return setHelp(false);
      case "upgrade":
        return send({ type: "UPGRADE.START" });
      case "rollback":
        return send({ type: "ROLLBACK.START" });
      case "uninstall":
        return send({ type: "UNINSTALL.START" });
      case "diff":
        return send({ type: "VIEW.OPEN", view: "diff" });
      case "manifest":
      case "values":
      case "status":
      case "notes":
        return send({ type: "VIEW.OPEN", view: action });
      case "mark":
        return send({ type: "MARK" });
      case "refresh":
        send({ type: "RETRY" });
        return send({ type: "REFRESH" });
      case "quit":
        return send({ type: "QUIT" });
      case "diff.next":
      case "diff.prev": {
        const { anchors } = metrics.current;
        const cur = Math.min(viewer.scroll, metrics.current.maxScroll);
        const target =
          action === "diff.next"
            ? anchors.find((a) => a > cur)
            : [...anchors].reverse().find((a) => a < cur);
        if (target !== undefined)
          setViewer((v) => ({ ...v, scroll: Math.min(target, metrics.current.maxScroll) }));
        return;
      }
      case "diff.secrets":
        return setViewer((v) => ({ ...v, reveal: !v.reveal }));
      case "diff.sideBySide":
        return setViewer((v) => ({ ...v, sideBySide: !v.sideBySide }));
      case "diff.moreContext":
        return setViewer((v) => ({ ...v, context: Math.min(20, v.context + 1) }));
      case "diff.lessContext":
        return setViewer((v) => ({ ...v, context: Math.max(0, v.context - 1) }));
      case "flow.next":
        return send({ type: "NEXT" });
      case "flow.cancel":
        return send({ type: "CANCEL" });
      case "flow.dismiss":
        return send({ type: "DISMISS" });
      case "flow.retry":
        return send({ type: "RETRY" });
      case "confirm.yes":
        return send(screen === "quit" ? { type: "QUIT.CONFIRM" } : { type: "CONFIRM" });
      case "confirm.no":
        return send(screen === "quit" ? { type: "QUIT.CANCEL" } : { type: "DENY" });
      case "confirm.toggle":
        return setConfirmYes((y) => !y);
      case "confirm.choose":
        return perform(confirmYes ? "confirm.yes" : "confirm.no");
      case "values.reuse":
        return send({ type: "UPGRADE.VALUES", values: { mode: "reuse" } });
      case "values.reset":
        return send({ type: "UPGRADE.VALUES", values: { mode: "reset" } });
      case "values.edit":
        return send({ type: "UPGRADE.EDIT" });
      case "uninstall.keepHistory":
        return send({ type: "UNINSTALL.TOGGLE_KEEP_HISTORY" });
      case "input.submit":
        if (screen === "command") {
          setInput(undefined);
          return runCommand(input!.text);
        }
        if (screen === "filter") return setInput(undefined);
        return send(screen === "upgrade.chart" ? { type: "NEXT" } : { type: "CONFIRM" });
      case "input.cancel":
        if (screen === "filter") send({ type: "FILTER.SET", text: "" });
        if (screen === "filter" || screen === "command") return setInput(undefined);
        return send({ type: "CANCEL" });
      case "input.erase":
        return typing(currentText().slice(0, -1));
    }
  };

  useInput((text, key) => {
    const { ctx, screen } = live();
    const binding = resolveKey(keyName(text, key), {
      screen,
      focus: ctx.focus,
      view: ctx.detail?.view,
      readonly: ctx.options.readonly,
      wide: layout.wide,
    });
    if (binding) return perform(binding.action);
    const textScreen =
      screen === "filter" ||
      screen === "command" ||
      screen === "upgrade.chart" ||
      screen === "uninstall.confirm";
    if (textScreen && text && !key.ctrl && !key.meta) typing(currentText() + text);
  });

  const body = (h: number) => {
    const common = {
      screen: screen === "quit" ? screenOf(snap, help, input, true) : screen,
      viewer,
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
          <Spinner label="Connecting to the cluster…" />
        </Box>
      );
    if (screen === "bootFailed")
      return (
        <Box height={h} flexDirection="column">
          <ErrorBox error={ctx.bootError ?? { message: "failed" }} title="Cannot start" retry />
          <Text color={theme.color("dim")}>q to quit</Text>
        </Box>
      );
    if (screen === "help")
      return <HelpOverlay context={helpContext} height={h} width={layout.columns} />;
    if (ctx.rollback) return <RollbackPanel {...common} flow={ctx.rollback} />;
    if (ctx.upgrade) return <UpgradePanel {...common} flow={ctx.upgrade} />;
    if (ctx.uninstall) return <UninstallPanel {...common} flow={ctx.uninstall} />;
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
            error={ctx.listError?.message}
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
            error={ctx.historyError?.message}
            now={now}
          />
          <DetailPane
            request={ctx.detailRequest}
            detail={ctx.detail}
            loading={snap.matches({ app: { detail: "loading" } })}
            error={ctx.detailError}
            viewer={viewer}
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
