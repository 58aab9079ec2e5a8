import { parseGoTime } from "../../engine/release/goTime.js";
import type { Release } from "../../engine/release/types.js";
import { visible, visibleText } from "../../visibleText.js";
import { ansic } from "./goTime.js";

/**
 * The block helm prints after install/upgrade/rollback and for `status`, for a person to read:
 * every field and the NOTES come from the chart or the record, so their control characters show.
 */
export function releaseSummary(
  release: Release,
  options: { notes?: boolean; description?: boolean } = {},
): string {
  const deployed = parseGoTime(release.info.last_deployed);
  const lines = [
    visible`NAME: ${release.name}`,
    visible`LAST DEPLOYED: ${deployed ? ansic(deployed) : release.info.last_deployed}`,
    visible`NAMESPACE: ${release.namespace}`,
    visible`STATUS: ${release.info.status}`,
    visible`REVISION: ${release.version}`,
  ];
  if (options.description) lines.push(visible`DESCRIPTION: ${release.info.description}`);
  lines.push(...testSuite(release));
  if (options.notes !== false && release.info.notes)
    lines.push("NOTES:", visibleText(release.info.notes));
  return lines.join("\n") + "\n";
}

/** helm's TEST SUITE block: each test hook that has run, with its last run. */
function testSuite(release: Release): string[] {
  const tests = (release.hooks ?? []).filter((h) => h.events.includes("test"));
  if (tests.length === 0) return ["TEST SUITE: None"];
  const time = (value: string | undefined) => {
    const parsed = parseGoTime(value);
    return parsed ? ansic(parsed) : "";
  };
  return tests
    .filter((h) => parseGoTime(h.last_run.started_at) !== undefined)
    .flatMap((h) => [
      visible`TEST SUITE:     ${h.name}`,
      `Last Started:   ${time(h.last_run.started_at)}`,
      `Last Completed: ${time(h.last_run.completed_at)}`,
      visible`Phase:          ${h.last_run.phase}`,
    ]);
}
