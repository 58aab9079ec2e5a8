import { describe, expect, it } from "vitest";
import { writeChart } from "../../../test/support/charts.js";
import { fakeEngine } from "../../../test/support/engine.js";
import { loadChart } from "../chart/loadChart.js";
import { chartCrds } from "./installCrds.js";
import { install } from "./install.js";
import { upgrade } from "./upgrade.js";

const crd = (kind: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${kind.toLowerCase()}s.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: ${kind}, plural: ${kind.toLowerCase()}s}
  versions: [{name: v1, served: true, storage: true}]
`;

/** A Go-template chart with a CRD of its own and one in a subchart switched by `sub.enabled`. */
function chartFiles(extra: Record<string, string> = {}): Record<string, string> {
  return {
    "Chart.yaml": `apiVersion: v2
name: top
version: 0.1.0
dependencies:
  - name: sub
    version: 0.1.0
    condition: sub.enabled
`,
    "values.yaml": "sub:\n  enabled: true\n",
    "crds/widget.yaml": crd("Widget"),
    "crds/README.md": "not a manifest\n",
    "templates/widget.yaml": `apiVersion: example.com/v1
kind: Widget
metadata:
  name: {{ .Release.Name }}
  annotations:
    served: {{ .Capabilities.APIVersions.Has "example.com/v1/Widget" | quote }}
`,
    "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
    "charts/sub/crds/gadget.yaml": crd("Gadget"),
    ...extra,
  };
}

describe("crds/ folders on install", () => {
  it("lists the chart's manifests, then its enabled subcharts'", async () => {
    const chart = await loadChart(await writeChart(chartFiles(), "top"));
    expect(chartCrds(chart, {}).map((c) => c.name)).toEqual([
      "crds/widget.yaml",
      "crds/gadget.yaml",
    ]);
    expect(chartCrds(chart, { sub: { enabled: false } }).map((c) => c.name)).toEqual([
      "crds/widget.yaml",
    ]);
  });

  it("are applied and established before the chart is rendered and applied", async () => {
    const engine = fakeEngine();
    const chart = await loadChart(await writeChart(chartFiles(), "top"));
    const { release } = await install(engine.ctx, {
      name: "w",
      namespace: "default",
      chart,
      userValues: {},
    });
    const applies = engine.cluster.calls.filter((c) => c.verb === "apply").map((c) => c.ref);
    expect(applies).toEqual([
      "apiextensions.k8s.io/CustomResourceDefinition//widgets.example.com",
      "apiextensions.k8s.io/CustomResourceDefinition//gadgets.example.com",
      "example.com/Widget/default/w",
    ]);
    // The render saw the new kind, and the CRDs are not part of the release.
    expect(release.manifest).toContain('served: "true"');
    expect(release.manifest).not.toContain("CustomResourceDefinition");
  });

  it("are left alone with skipCrds, on dry-runs and by upgrades", async () => {
    const engine = fakeEngine();
    const chart = await loadChart(await writeChart(chartFiles(), "top"));
    const base = { name: "w", namespace: "default", chart, userValues: {} };
    await install(engine.ctx, { ...base, dryRun: "server" });
    await install(engine.ctx, { ...base, dryRun: "client" });
    await install(engine.ctx, { ...base, skipCrds: true });
    expect(engine.cluster.find("CustomResourceDefinition", "widgets.example.com")).toBeUndefined();
    await upgrade(engine.ctx, base);
    expect(engine.cluster.find("CustomResourceDefinition", "widgets.example.com")).toBeUndefined();
  });

  it("fails the install, as helm, when a crds/ file holds nothing", async () => {
    const engine = fakeEngine();
    const chart = await loadChart(
      await writeChart(chartFiles({ "crds/empty.yaml": "# nothing\n" }), "top"),
    );
    await expect(
      install(engine.ctx, { name: "w", namespace: "default", chart, userValues: {} }),
    ).rejects.toThrow("failed to install CRD crds/empty.yaml: resources are empty");
    expect(await engine.statuses("w")).toEqual([]);
  });
});
