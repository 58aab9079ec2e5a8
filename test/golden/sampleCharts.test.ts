import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { renderRelease } from "../../src/engine/actions/template.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import { manifestDocuments } from "../../src/engine/manifest/yaml.js";
import type { Values } from "../../src/engine/values/types.js";

/**
 * Golden renders of the sample charts, compared as parsed objects (so
 * formatting may change, content may not). Regenerate deliberately with
 * UPDATE_GOLDEN=1 and review the diff.
 */
const cases: Array<{ chart: string; name: string; values: Values }> = [
  { chart: "webapp", name: "defaults", values: {} },
  {
    chart: "webapp",
    name: "ingress-no-cache",
    values: {
      ingress: { enabled: true, host: "shop.example" },
      cache: { enabled: false },
      replicaCount: 5,
    },
  },
  { chart: "worker", name: "defaults", values: {} },
];

describe("golden renders of the sample charts", () => {
  for (const c of cases) {
    it(`${c.chart} (${c.name}) renders the recorded objects, hooks and notes`, async () => {
      const rendered = renderRelease({
        chart: await loadChart(resolve("demo/charts", c.chart)),
        userValues: c.values,
        release: {
          name: "golden",
          namespace: "prod",
          revision: 1,
          isInstall: true,
          isUpgrade: false,
        },
      });
      const actual = {
        manifests: rendered.manifests.map((m) => ({
          source: m.path,
          object: manifestDocuments(m.content)[0]?.value,
        })),
        hooks: rendered.hooks.map((h) => ({
          source: h.path,
          events: h.events,
          object: manifestDocuments(h.manifest)[0]?.value,
        })),
        notes: rendered.notes,
      };
      const file = resolve("test/golden", `${c.chart}-${c.name}.json`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(file, JSON.stringify(actual, null, 2) + "\n");
      expect(actual).toEqual(JSON.parse(readFileSync(file, "utf8")));
    });
  }
});
