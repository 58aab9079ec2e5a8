import React, { createContext, useContext } from "react";
import type { ReleaseStatus } from "../engine/release/types.js";

/** Colours by meaning; every one is dropped when NO_COLOR is set (https://no-color.org). */
export interface Theme {
  color(name: ColorName): string | undefined;
  noColor: boolean;
}

export type ColorName =
  "accent" | "focus" | "dim" | "ok" | "warn" | "bad" | "added" | "removed" | "changed" | "muted";

const PALETTE: Record<ColorName, string> = {
  accent: "cyan",
  focus: "cyan",
  dim: "gray",
  ok: "green",
  warn: "yellow",
  bad: "red",
  added: "green",
  removed: "red",
  changed: "yellow",
  muted: "gray",
};

export function noColorRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== "";
}

export function makeTheme(noColor: boolean): Theme {
  return { noColor, color: (name) => (noColor ? undefined : PALETTE[name]) };
}

const ThemeContext = createContext<Theme>(makeTheme(false));

export function ThemeProvider(props: { theme: Theme; children: React.ReactNode }) {
  return <ThemeContext.Provider value={props.theme}>{props.children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

export function statusColor(status: ReleaseStatus): ColorName {
  switch (status) {
    case "deployed":
      return "ok";
    case "failed":
      return "bad";
    case "superseded":
    case "uninstalled":
      return "muted";
    default:
      return "warn";
  }
}
