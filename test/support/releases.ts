import type { Release, ReleaseStatus } from "../../src/engine/release/types.js";

/** A minimal but complete release record for storage and action tests. */
export function makeRelease(
  fields: {
    name?: string;
    namespace?: string;
    version?: number;
    status?: ReleaseStatus;
  } & Partial<Release> = {},
): Release {
  const { status = "deployed", ...rest } = fields;
  return {
    name: "demo",
    namespace: "default",
    version: 1,
    manifest:
      "---\n# Source: web/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n",
    chart: {
      metadata: { name: "web", version: "1.0.0", appVersion: "1.0", apiVersion: "v2" },
      lock: null,
      templates: [],
      values: {},
      schema: null,
      files: null,
    },
    ...rest,
    info: {
      first_deployed: "2026-11-25T04:00:00Z",
      last_deployed: "2026-11-25T04:00:00Z",
      description: "Install complete",
      ...rest.info,
      status,
    },
  };
}
