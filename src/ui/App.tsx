import React, { useMemo } from "react";
import type { AppOptions, ValuesEditor } from "../state/appTypes.js";
import type { Backend } from "../state/backend.js";
import { AppActorProvider } from "./contexts/AppActorContext.js";
import { KeymapProvider } from "./contexts/KeymapContext.js";
import { ExitOnCrash } from "./ExitOnCrash.js";
import { UiStateProvider } from "./contexts/UiStateContext.js";
import type { Keymap } from "./keymap.js";
import { KEYMAP } from "./keys/keyTable.js";
import { MainLayout } from "./layouts/MainLayout.js";
import { makeTheme, noColorRequested, ThemeProvider } from "./theme.js";

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
  /** The key table; defaults to the app's own. */
  keymap?: Keymap;
}

/** The whole terminal UI: the statechart, the UI's own state and the key table, over one layout. */
export function App(props: AppProps) {
  const theme = useMemo(() => makeTheme(props.noColor ?? noColorRequested()), [props.noColor]);
  const { backend, options, editor } = props;
  return (
    <ThemeProvider theme={theme}>
      <KeymapProvider keymap={props.keymap ?? KEYMAP}>
        <AppActorProvider
          input={{ backend, options, ...(editor ? { editor } : {}) }}
          onQuit={props.onQuit}
        >
          <UiStateProvider>
            <ExitOnCrash>
              <MainLayout now={props.now} />
            </ExitOnCrash>
          </UiStateProvider>
        </AppActorProvider>
      </KeymapProvider>
    </ThemeProvider>
  );
}
