import { formatAge } from "../engine/release/lock.js";
import { shownLine } from "./shown.js";

/** An age as kubectl shows it (45s, 12m, 3h, 5d, 2y), or "-" when unknown. */
export function age(date: Date | undefined, now: Date = new Date()): string {
  return date ? formatAge(now.getTime() - date.getTime()) : "-";
}

/**
 * Milliseconds until an age of `ms` is shown differently by `age`: its unit
 * (seconds under two minutes, minutes under two hours, then hours and more)
 * rolls over at the next whole unit.
 */
export function untilAgeChanges(ms: number): number {
  const unit = ms < 120_000 ? 1_000 : ms < 7_200_000 ? 60_000 : 3_600_000;
  return unit - (Math.max(0, ms) % unit);
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
