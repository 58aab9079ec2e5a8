import { describe, expect, it } from "vitest";
import { configMap, service, withHistory } from "../../../test/support/engine.js";
import { status } from "./status.js";

describe("status", () => {
  it("reports each resource of the release with its live readiness", async () => {
    const deployment =
      "---\n# Source: web/templates/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n";
    const engine = await withHistory([["deployed", configMap("one") + service + deployment]]);
    engine.cluster.objects.delete("/Service/default/web");
    const report = await status(engine.ctx, "demo", "default");
    expect(report.release.version).toBe(1);
    expect(report.resources.map((r) => [r.ref.kind, r.readiness.state])).toEqual([
      ["ConfigMap", "ready"],
      ["Service", "missing"],
      ["Deployment", "progressing"],
    ]);
  });

  it("names the release and namespace when there is no such release", async () => {
    const engine = await withHistory([["deployed", configMap("one")]]);
    await expect(status(engine.ctx, "nope", "default")).rejects.toThrow(
      'release "nope" not found in namespace "default"',
    );
  });
});
