import React, { createContext, useContext, useRef, useState, type ReactNode } from "react";
import { useRefState } from "../hooks/useRefState.js";
import type { InputMode } from "../screen.js";
import { INITIAL_VIEWER, type ViewerMetrics, type ViewerState } from "../viewer.js";

/** What the UI itself holds: overlays, the text line, the viewer, a message. */
function useUiStateValue() {
  const [help, setHelp, helpRef] = useRefState(false);
  const [input, setInput, inputRef] = useRefState<InputMode | undefined>(undefined);
  const [confirmYes, setConfirmYes, confirmRef] = useRefState(false);
  const [viewer, setViewer, viewerRef] = useRefState<ViewerState>(INITIAL_VIEWER);
  const [message, setMessage] = useState<string | undefined>();
  /** What the viewer last rendered, written by the viewer as it renders. */
  const metrics = useRef<ViewerMetrics>({ maxScroll: 0, anchors: [], page: 1 });
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
    metrics,
  };
}

export type UiState = ReturnType<typeof useUiStateValue>;

const UiStateContext = createContext<UiState | undefined>(undefined);

export function UiStateProvider(props: { children: ReactNode }) {
  const ui = useUiStateValue();
  return <UiStateContext.Provider value={ui}>{props.children}</UiStateContext.Provider>;
}

export function useUiState(): UiState {
  const ui = useContext(UiStateContext);
  if (!ui) throw new Error("useUiState needs a UiStateProvider");
  return ui;
}
