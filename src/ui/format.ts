import { formatAge } from "../engine/release/lock.js";

/** An age as kubectl shows it (45s, 12m, 3h, 5d, 2y), or "-" when unknown. */
export function age(date: Date | undefined, now: Date = new Date()): string {
  return date ? formatAge(now.getTime() - date.getTime()) : "-";
}

/** Cuts or pads `text` to exactly `width` columns, marking a cut with an ellipsis. */
export function fit(text: string, width: number): string {
  if (width <= 0) return "";
  if (text.length > width) return width === 1 ? "…" : text.slice(0, width - 1) + "…";
  return text.padEnd(width);
}

export function fitStart(text: string, width: number): string {
  if (width <= 0) return "";
  if (text.length > width) return text.slice(0, width);
  return text.padStart(width);
}
