import { visibleLine, visibleText } from "../visibleText.js";

/**
 * What the UI shows of untrusted text (names, descriptions, NOTES, manifests, errors): tabs
 * become spaces to the next multiple of 8 — Ink measures a tab as no width while the terminal
 * moves to a tab stop, so a row would shift over the pane's border — and every other control
 * character is made visible (src/visibleText.ts). One line keeps no newline either: a name with
 * one in it would draw a second row.
 */
export function shownLine(text: string): string {
  return visibleLine(expandTabs(text));
}

/** As shownLine, keeping newlines: text that wraps over several rows (NOTES, an error's details). */
export function shownText(text: string): string {
  return visibleText(expandTabs(text));
}

function expandTabs(text: string): string {
  if (!text.includes("\t")) return text;
  return text
    .split("\n")
    .map((line) => {
      const [first = "", ...rest] = line.split("\t");
      let out = first;
      for (const part of rest) out += " ".repeat(8 - (out.length % 8)) + part;
      return out;
    })
    .join("\n");
}
