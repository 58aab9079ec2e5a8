import { formatAge } from "../engine/release/lock.js";
import { shownLine } from "./shown.js";

/** An age as kubectl shows it (45s, 12m, 3h, 5d, 2y), or "-" when unknown. */
export function age(date: Date | undefined, now: Date = new Date()): string {
  return date ? formatAge(now.getTime() - date.getTime()) : "-";
}

/**
 * Cuts or pads `text` to exactly `width` columns, marking a cut with an ellipsis. The text is
 * measured as shown, control characters made visible (./shown.ts), so columns stay aligned.
 */
export function fit(untrusted: string, width: number): string {
  if (width <= 0) return "";
  const text = shownLine(untrusted);
  if (text.length > width) return width === 1 ? "…" : text.slice(0, width - 1) + "…";
  return text.padEnd(width);
}

export function fitStart(untrusted: string, width: number): string {
  if (width <= 0) return "";
  const text = shownLine(untrusted);
  if (text.length > width) return text.slice(0, width);
  return text.padStart(width);
}
