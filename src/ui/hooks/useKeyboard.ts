import { useInput, type Key } from "ink";
import type { MutableRefObject } from "react";
import { useState } from "react";
import type { AppEvent } from "../../state/appTypes.js";
import { selectFlowText } from "../../state/selectors.js";
import { keyName, resolveKey, type Action } from "../keymap.js";
import { documentOf, screenOf, type InputMode } from "../screen.js";
import { INITIAL_VIEWER, type ViewerMetrics, type ViewerState } from "../viewer.js";
import type { AppActor } from "./useAppActor.js";
import type { Layout } from "./useLayout.js";
import { useRefState } from "./useRefState.js";

/** What the UI itself holds: overlays, the text line, the viewer, a message. */
export function useUiState() {
  const [help, setHelp, helpRef] = useRefState(false);
  const [input, setInput, inputRef] = useRefState<InputMode | undefined>(undefined);
  const [confirmYes, setConfirmYes, confirmRef] = useRefState(false);
  const [viewer, setViewer, viewerRef] = useRefState<ViewerState>(INITIAL_VIEWER);
  const [message, setMessage] = useState<string | undefined>();
  return {
    help,
    setHelp,
    helpRef,
    input,
    setInput,
    inputRef,
    confirmYes,
    setConfirmYes,
    confirmRef,
    viewer,
    setViewer,
    viewerRef,
    message,
    setMessage,
  };
}

export type UiState = ReturnType<typeof useUiState>;

/**
 * Turns each keypress into one action of the key map, and each action into a
 * statechart event or a change of the UI's own state. The only input handler.
 */
export function useKeyboard(args: {
  actor: AppActor;
  layout: Layout;
  ui: UiState;
  metrics: MutableRefObject<ViewerMetrics>;
}) {
  const { actor, layout, metrics } = args;
  const { setHelp, helpRef, setInput, inputRef, setConfirmYes, confirmRef, setViewer, viewerRef } =
    args.ui;
  const { setMessage } = args.ui;
  const send = (event: AppEvent) => actor.send(event);
  const scrollBy = (delta: number) =>
    setViewer((v) => ({
      ...v,
      scroll: Math.max(
        0,
        Math.min(metrics.current.maxScroll, Math.min(v.scroll, metrics.current.maxScroll) + delta),
      ),
    }));

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

  const listPage = (focus: string) =>
    Math.max(1, (focus === "history" ? layout.bottomHeight : layout.topHeight) - 4);

  const runCommand = (line: string) => {
    const [verb, arg] = line.trim().split(/\s+/);
    if (verb === "q" || verb === "quit") send({ type: "QUIT" });
    else if (verb === "recover") send({ type: "RECOVER.START" });
    else if ((verb === "ns" || verb === "namespace") && arg) {
      send(arg === "all" ? { type: "SCOPE.SET" } : { type: "SCOPE.SET", namespace: arg });
    } else if ((verb === "ctx" || verb === "context") && arg) {
      send({ type: "CONTEXT.SWITCH", name: arg });
    } else if (verb === "ctx" || verb === "context") {
      const cluster = live().ctx.cluster;
      setMessage(
        cluster
          ? `Contexts: ${cluster.contexts.map((c) => (c === cluster.context ? `${c} (current)` : c)).join(", ")} — :ctx NAME switches`
          : "Switch with :ctx NAME",
      );
    } else if (verb)
      setMessage(
        `Unknown command :${line.trim()} (try :ns NAME, :ns all, :ctx NAME, :recover, :q)`,
      );
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
    return selectFlowText(actor.getSnapshot()) ?? live().input?.text ?? "";
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
          : send({ type: "MOVE", delta: listPage(ctx.focus) });
      case "page.up":
        return viewerFocused
          ? scrollBy(-metrics.current.page)
          : send({ type: "MOVE", delta: -listPage(ctx.focus) });
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
        return setViewer((v) => {
          const doc = documentOf(actor.getSnapshot());
          const shown = v.reveal && v.revealedDoc === doc;
          return { ...v, reveal: !shown, revealedDoc: doc };
        });
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

  const handle = (text: string, key: Key) => {
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
  };

  useInput((text, key) => {
    // Ink hands over plain characters that arrive together (fast typing, tmux
    // send-keys, a paste) as one string: take them one key at a time.
    if (text.length > 1 && !key.ctrl && !key.meta) {
      for (const ch of text) handle(...splitKey(ch));
      return;
    }
    handle(text, key);
  });
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
} as Key;

/** One character of a multi-character chunk as Ink would have reported it alone. */
export function splitKey(ch: string): [string, Key] {
  const code = ch.charCodeAt(0);
  if (ch === "\r" || ch === "\n") return ["", { ...NO_KEY, return: true }];
  if (ch === "\t") return ["", { ...NO_KEY, tab: true }];
  if (ch === "\u007f" || ch === "\b") return ["", { ...NO_KEY, backspace: true }];
  if (ch === "\u001b") return ["", { ...NO_KEY, escape: true }];
  if (code > 0 && code < 27) return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
  return [ch, { ...NO_KEY, shift: ch !== ch.toLowerCase() }];
}
