/** Fills a cluster with release records of the webapp demo chart, fast, for benchmarks. */
import { resolve } from "node:path";
import { renderRelease } from "../../src/engine/actions/template.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import { toStoredChart } from "../../src/engine/release/storedChart.js";
import type { Release } from "../../src/engine/release/types.js";
import type { StorageDriver } from "../../src/engine/storage/driver.js";
import type { KubeClient } from "../../src/kube/client.js";

export const BENCH_NAMESPACES = ["default", "staging", "production", "team-a"];

/**
 * `releases` releases named rel-0000…, spread over `namespaces` (four by default), each with
 * `revisions` revisions (the last deployed). The chart is rendered once per
 * revision number and each release gets its own name by substitution. On a shared cluster pass
 * namespaces of your own; they are created when missing. Records already there (same name) are
 * kept, so a seed on a real server that was cut short can be completed.
 */
export async function seedReleases(
  client: KubeClient,
  driver: StorageDriver,
  releases: number,
  revisions: number,
  namespaces: readonly string[] = BENCH_NAMESPACES,
): Promise<void> {
  const chart = await loadChart(resolve("demo/charts/webapp"));
  const existing = new Set<string>();
  for (const ns of namespaces) {
    if (ns !== "default")
      await client.objects.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    for (const ref of await driver.listRefs({ namespace: ns }))
      existing.add(`${ns}/${ref.name}/${ref.version}`);
  }
  const renders = new Map<number, ReturnType<typeof renderRelease>>();
  const record = (i: number, version: number): Release => {
    const name = `rel-${String(i).padStart(4, "0")}`;
    const namespace = namespaces[i % namespaces.length]!;
    let rendered = renders.get(version);
    if (!rendered) {
      rendered = renderRelease({
        chart,
        userValues: { replicaCount: version },
        release: {
          name: "rel-xxxx",
          namespace: "bench",
          revision: version,
          isInstall: version === 1,
          isUpgrade: version > 1,
        },
      });
      renders.set(version, rendered);
    }
    const named = (text: string) =>
      text.replaceAll("rel-xxxx", name).replaceAll("bench", namespace);
    const at = new Date(Date.UTC(2026, 10, 1) + (i * revisions + version) * 60_000).toISOString();
    return {
      name,
      namespace,
      version,
      info: {
        first_deployed: at,
        last_deployed: at,
        description: version === 1 ? "Install complete" : "Upgrade complete",
        status: version === revisions ? "deployed" : "superseded",
        notes: named(rendered.notes),
      },
      chart: toStoredChart(rendered.chart),
      config: { replicaCount: version },
      manifest: named(rendered.manifest),
      apply_method: "ssa",
    };
  };

  const started = Date.now();
  let next = 0;
  const total = releases * revisions;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < total) {
        const n = next++;
        const i = Math.floor(n / revisions);
        const version = (n % revisions) + 1;
        const name = `rel-${String(i).padStart(4, "0")}`;
        if (existing.has(`${namespaces[i % namespaces.length]}/${name}/${version}`)) continue;
        await driver.create(record(i, version));
      }
    }),
  );
  console.log(
    `seeded           ${releases} releases × ${revisions} revisions (${existing.size} records were there) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
