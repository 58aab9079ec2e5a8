const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Go's time.Time.String() in UTC, as `helm list` prints UPDATED: "2026-11-25 04:06:21.408 +0000 UTC". */
export function goTimeString(date: Date): string {
  const ms = date.getUTCMilliseconds();
  const fraction = ms === 0 ? "" : `.${pad(ms, 3).replace(/0+$/, "")}`;
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${fraction} +0000 UTC`
  );
}

/**
 * Go's time.Time.String() of a stored RFC 3339 time, keeping every fraction digit it has: helm
 * writes nanoseconds ("2026-11-25 04:06:21.408123456 +0000 UTC"), which a Date would cut to
 * milliseconds. An offset other than zero prints as Go prints a zone it has no name for
 * ("+0100 +0100"). Undefined when the text is not RFC 3339.
 */
export function goTimeStringOf(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i.exec(text);
  if (!m) return undefined;
  const [, day, time, digits = "", zone = "Z"] = m;
  const fraction = digits.replace(/0+$/, "");
  const offset = zone.toUpperCase() === "Z" ? "+00:00" : zone;
  const named =
    offset === "+00:00" || offset === "-00:00"
      ? "+0000 UTC"
      : `${offset.replace(":", "")} ${offset.replace(":", "")}`;
  return `${day} ${time}${fraction ? `.${fraction}` : ""} ${named}`;
}

/** Go's time.ANSIC in UTC, as `helm history` and `helm status` print times: "Wed Nov 25 04:06:21 2026". */
export function ansic(date: Date): string {
  return (
    `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, " ")} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${date.getUTCFullYear()}`
  );
}
