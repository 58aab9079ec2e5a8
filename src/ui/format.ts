/** An age as kubectl shows it: 45s, 12m, 3h, 5d, 2y. */
export function age(date: Date | undefined, now: Date = new Date()): string {
  if (!date) return "-";
  const s = Math.max(0, Math.floor((now.getTime() - date.getTime()) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 730) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
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
