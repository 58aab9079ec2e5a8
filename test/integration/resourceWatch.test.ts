import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install } from "../../src/engine/actions/install.js";
import type { ActionContext } from "../../src/engine/actions/context.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import type { KubeClient } from "../../src/kube/client.js";
import type { ResourceRow } from "../../src/state/backend.js";
import { EngineBackend } from "../../src/state/engineBackend.js";
import { engineOver } from "../support/sandboxEngine.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

let fx: SandboxFixture;
let client: KubeClient;
let ctx: ActionContext;
let backend: EngineBackend;
const shop = { name: "shop", namespace: "default" };

beforeAll(async () => {
  fx = await withSandbox();
  ({ client, ctx } = engineOver(fx.kubeconfigPath));
  backend = new EngineBackend(ctx, client, process.cwd());
  const chart = await loadChart(resolve("demo/charts/webapp"));
  await install(ctx, { ...shop, chart, userValues: { replicaCount: 2 } });
});
afterAll(async () => {
  backend.close();
  client.close();
  await fx.close();
});

/** Rows as the status pane gets them, and a way to wait for the next ones that match. */
function watching() {
  let latest: ResourceRow[] = [];
  const waiters: Array<{ check: (rows: ResourceRow[]) => boolean; done: () => void }> = [];
  const watch = backend.watchResources(shop, {
    rows: (rows) => {
      latest = rows;
      for (const w of [...waiters]) {
        if (w.check(rows)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.done();
        }
      }
    },
    failed: (err) => {
      throw err;
    },
  });
  const until = (check: (rows: ResourceRow[]) => boolean) =>
    check(latest) ? Promise.resolve() : new Promise<void>((done) => waiters.push({ check, done }));
  return { watch, until, rows: () => latest };
}

const deployment = (rows: ResourceRow[]) =>
  rows.find((r) => r.kind === "Deployment" && r.name === "shop-webapp");
const service = (rows: ResourceRow[]) =>
  rows.find((r) => r.kind === "Service" && r.name === "shop-webapp");

describe("the status pane's watch of a release's objects", () => {
  it("tells each change of an object: scaled, deleted, created again", async () => {
    const { watch, until } = watching();
    try {
      await until((rows) => deployment(rows)?.message === "2/2 replicas ready");
      await client.request({
        method: "PATCH",
        path: "/apis/apps/v1/namespaces/default/deployments/shop-webapp",
        body: { spec: { replicas: 4 } },
        contentType: "application/merge-patch+json",
        verb: "patch",
        resource: "deployments.apps",
      });
      await until((rows) => deployment(rows)?.message === "4/4 replicas ready");

      const live = await client.objects.get({
        apiVersion: "v1",
        kind: "Service",
        namespace: "default",
        name: "shop-webapp",
      });
      await client.objects.delete({
        apiVersion: "v1",
        kind: "Service",
        namespace: "default",
        name: "shop-webapp",
      });
      await until((rows) => service(rows)?.state === "missing");

      // Revived (as a rollback of an uninstalled release would): seen without reading again.
      const { metadata, spec } = live as unknown as {
        metadata: Record<string, unknown>;
        spec: Record<string, unknown>;
      };
      await client.objects.create(
        {
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: metadata.name, namespace: metadata.namespace, labels: metadata.labels },
          spec: { ports: spec.ports, selector: spec.selector },
        } as never,
        { fieldManager: "test" },
      );
      await until((rows) => service(rows)?.state === "ready");
    } finally {
      watch.stop();
    }
  });

  it("resumes a dropped watch where it was, and lists again only after 410 Gone", async () => {
    const start = fx.sandbox.requestLog().length;
    const deployments = (watch: boolean) =>
      fx.sandbox
        .requestLog()
        .slice(start)
        .filter((r) => {
          const url = new URL(r.path, "http://x");
          return (
            url.pathname.endsWith("/deployments") &&
            url.searchParams.get("fieldSelector") === "metadata.name=shop-webapp" &&
            (url.searchParams.get("watch") === "true") === watch
          );
        });
    const { watch, until } = watching();
    try {
      await until((rows) => deployment(rows)?.state === "ready");
      await expect.poll(() => deployments(true).length).toBe(1);
      expect(deployments(false)).toHaveLength(1);

      expect(fx.sandbox.dropWatches()).toBeGreaterThan(0);
      await expect.poll(() => deployments(true).length, { timeout: 5000 }).toBe(2);
      expect(deployments(false)).toHaveLength(1);

      fx.sandbox.setFaults({
        // The next request for the Deployment is its watch reconnecting: answered 410 Gone.
        failRequests: [{ method: "GET", pathIncludes: "/deployments?", status: 410, times: 1 }],
      });
      fx.sandbox.dropWatches();
      await expect.poll(() => deployments(false).length, { timeout: 10_000 }).toBe(2);
    } finally {
      fx.sandbox.setFaults({});
      watch.stop();
    }
  });

  it("reports a release it cannot read", async () => {
    const failed = await new Promise<unknown>((done) => {
      backend.watchResources(
        { name: "nope", namespace: "default" },
        { rows: () => {}, failed: done },
      );
    });
    expect(String(failed)).toMatch(/not found/);
  });
});
