/** Go's zero time, as encoding/json writes it. */
export const GO_ZERO_TIME = "0001-01-01T00:00:00Z";

/**
 * Formats a time as Go's RFC3339Nano does (trailing zeros of the fraction
 * trimmed, no fraction when it is zero), in UTC. Readers in Go and here
 * accept any RFC3339 time, but matching helm keeps records diffable.
 */
export function formatGoTime(date: Date): string {
  const iso = date.toISOString(); // 2026-11-25T05:08:32.420Z
  return iso.replace(/\.(\d*?)0*Z$/, (_m, digits: string) => (digits ? `.${digits}Z` : "Z"));
}

/** Parses a stored time; "" and Go's zero time mean "unset". */
export function parseGoTime(value: string | undefined): Date | undefined {
  if (!value || value === GO_ZERO_TIME) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
