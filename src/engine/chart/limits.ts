/** Limits on what a chart may contain (docs/chart-engine.md#archive-limits-and-safety-checks). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Helm allows 100 MiB unpacked; wheelhouse keeps charts to half that, as the issue asks. */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

export function mib(bytes: number): string {
  return `${bytes / (1024 * 1024)} MiB`;
}
