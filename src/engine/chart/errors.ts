import { WheelhouseError } from "../../errors.js";

/** Where in a chart something went wrong: the chart, a file inside it, a line of that file. */
export interface ChartLocation {
  chart?: string;
  file?: string;
  line?: number;
}

export function describeLocation(location: ChartLocation): string {
  const parts: string[] = [];
  if (location.chart !== undefined) parts.push(`chart ${location.chart}`);
  if (location.file !== undefined) {
    parts.push(location.line !== undefined ? `${location.file}:${location.line}` : location.file);
  }
  return parts.join(", ");
}

/** A chart that cannot be loaded, validated or packaged. */
export class ChartError extends WheelhouseError {
  readonly location: ChartLocation;

  constructor(
    message: string,
    location: ChartLocation = {},
    options: { details?: string; hint?: string; cause?: unknown } = {},
  ) {
    const where = describeLocation(location);
    super("chart", where ? `${where}: ${message}` : message, options);
    this.location = location;
  }
}

/** A chart archive rejected before anything in it is trusted. */
export class ArchiveError extends WheelhouseError {
  constructor(archive: string, message: string, options: { hint?: string } = {}) {
    super("chart", `${archive}: ${message}`, options);
  }
}
