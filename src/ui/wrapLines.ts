import { shownLine } from "./shown.js";

/**
 * Text broken into lines of at most `width` columns, at spaces where it can be and inside a word
 * only when the word alone is wider. Measured as shown (./shown.ts), like the tables.
 */
export function wrapLines(untrusted: string, width: number): string[] {
  if (width <= 0) return [];
  const lines: string[] = [];
  let line = "";
  for (const word of shownLine(untrusted).split(/ +/)) {
    let rest = word;
    if (line !== "" && line.length + 1 + rest.length <= width) {
      line += " " + rest;
      continue;
    }
    if (line !== "") lines.push(line);
    while (rest.length > width) {
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    line = rest;
  }
  if (line !== "") lines.push(line);
  return lines;
}
