import React, { createContext, useContext, type ReactNode } from "react";
import type { Keymap } from "../keymap.js";
import { KEYMAP } from "../keys/keyTable.js";

const KeymapContext = createContext<Keymap>(KEYMAP);

/** The key table the handler, the hints and the `?` overlay read; tests add rows to it. */
export function KeymapProvider(props: { keymap: Keymap; children: ReactNode }) {
  return <KeymapContext.Provider value={props.keymap}>{props.children}</KeymapContext.Provider>;
}

export function useKeymap(): Keymap {
  return useContext(KeymapContext);
}
