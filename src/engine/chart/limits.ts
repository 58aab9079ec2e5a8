/** Limits on what a chart may contain (docs/chart-engine.md#archive-limits-and-safety-checks). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Helm allows 100 MiB unpacked; wheelhouse keeps charts to half that, as the issue asks. */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

/**
 * How deep subcharts may nest (charts/a/charts/b/…). helm sets no limit; every level adds one to
 * the depth of the values (and of the walks over them), and a 2,000-level archive of 500 KB took
 * half a minute and then overflowed the stack. Real charts nest a handful of levels.
 */
export const MAX_SUBCHART_DEPTH = 100;

/**
 * How many folders deep an archive entry may lie inside the chart: room for MAX_SUBCHART_DEPTH
 * levels of charts/NAME/ and folders of their own. Checking entries costs time per folder, and
 * helm's own unpacking stops at the file system's path limit anyway.
 */
export const MAX_ENTRY_DEPTH = 2 * MAX_SUBCHART_DEPTH + 100;

export function mib(bytes: number): string {
  return `${bytes / (1024 * 1024)} MiB`;
}
