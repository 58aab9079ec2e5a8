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
  /** The message is helm's own wording, which already says what and where (no location prefix). */
  readonly helmWorded: boolean;

  constructor(
    message: string,
    location: ChartLocation = {},
    options: { details?: string; hint?: string; cause?: unknown; helmWorded?: boolean } = {},
  ) {
    const where = options.helmWorded ? "" : describeLocation(location);
    super("chart", where ? `${where}: ${message}` : message, options);
    this.location = location;
    this.helmWorded = options.helmWorded ?? false;
  }
}

/** A chart archive rejected before anything in it is trusted. */
export class ArchiveError extends WheelhouseError {
  constructor(archive: string, message: string, options: { hint?: string } = {}) {
    super("chart", `${archive}: ${message}`, options);
  }
}
