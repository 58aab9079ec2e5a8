import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadChart } from "../../../src/engine/chart/loadChart.js";
import { renderChart } from "../../../src/engine/render/renderChart.js";
import { helmBinary } from "./helmOracle.js";

// [Chart.yaml kubeVersion, --kube-version]: whether the chart installs is what helm 4 decides.
const CASES: [string, string][] = [
  [">=1.21", "v1.28.3-eks-4f4795d"],
  [">=1.21-0", "v1.28.3-eks-4f4795d"],
  [">=1.30.0", "1.28.3"],
  ["~1.28.0", "v1.28.9+k3s1"],
  ["^1.20", "v1.35.0"],
  [">=1.19.0-0 <1.26.0-0", "1.26.0"],
  [">= 1.22, < 1.30", "v1.29.1-gke.1589000"],
  ["1.x || 2.x", "v1.29.0"],
  ["<1.20", "v1.35.0"],
];

function chartDir(kubeVersion: string): string {
  const dir = mkdtempSync(join(tmpdir(), "sprigb-kube-"));
  mkdirSync(join(dir, "templates"));
  writeFileSync(
    join(dir, "Chart.yaml"),
    `apiVersion: v2\nname: k\nversion: 0.1.0\nkubeVersion: ${JSON.stringify(kubeVersion)}\n`,
  );
  writeFileSync(
    join(dir, "templates", "cm.yaml"),
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: k\n",
  );
  return dir;
}

describe.skipIf(helmBinary === undefined)("chart kubeVersion against helm 4.1.4", () => {
  it.each(CASES)("%s with Kubernetes %s", async (range, kube) => {
    const dir = chartDir(range);
    const helm = spawnSync(helmBinary!, ["template", "r", dir, "--kube-version", kube], {
      encoding: "utf8",
    });
    const helmAccepts = helm.status === 0;
    const [major, minor] = kube.replace(/^v/, "").split(".");
    const chart = await loadChart(dir);
    const run = () =>
      renderChart(chart, chart.values, {
        release: {
          name: "r",
          namespace: "default",
          revision: 1,
          isInstall: true,
          isUpgrade: false,
        },
        kubeVersion: {
          version: kube.startsWith("v") ? kube : `v${kube}`,
          major: major!,
          minor: minor!,
        },
      });
    if (helmAccepts) expect(run).not.toThrow();
    else expect(run).toThrow(/chart requires kubeVersion/);
  });
});
