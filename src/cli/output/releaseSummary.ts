import { parseGoTime } from "../../engine/release/goTime.js";
import type { Release } from "../../engine/release/types.js";
import { ansic } from "./goTime.js";

/** The block helm prints after install/upgrade/rollback and for `status`. */
export function releaseSummary(
  release: Release,
  options: { notes?: boolean; description?: boolean } = {},
): string {
  const deployed = parseGoTime(release.info.last_deployed);
  const lines = [
    `NAME: ${release.name}`,
    `LAST DEPLOYED: ${deployed ? ansic(deployed) : release.info.last_deployed}`,
    `NAMESPACE: ${release.namespace}`,
    `STATUS: ${release.info.status}`,
    `REVISION: ${release.version}`,
  ];
  if (options.description) lines.push(`DESCRIPTION: ${release.info.description}`);
  if (options.notes !== false && release.info.notes) lines.push("NOTES:", release.info.notes);
  return lines.join("\n") + "\n";
}
