import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "ink-testing-library";
import type { DriftField } from "../../src/engine/diff/types.js";
import { KEY, renderApp, standardBackend } from "./harness.js";

afterEach(() => cleanup());

const drift: DriftField[] = [
  {
    path: '.spec.template.spec.containers[name="web"].env[name="FOO"]',
    change: "added",
    managers: ["kubectl-set"],
  },
  { path: ".metadata.labels.team", change: "added", managers: ["kubectl-label"] },
];

/** The standard fake, its Deployment drifted by kubectl (as managedFields would tell). */
function driftedBackend() {
  const backend = standardBackend();
  const watch = backend.watchResources.bind(backend);
  backend.watchResources = (ref, listener) =>
    watch(ref, {
      ...listener,
      rows: (rows) =>
        listener.rows(rows.map((r) => (r.kind === "Deployment" ? { ...r, drift } : r))),
    });
  return backend;
}

describe("drift in the Status pane", () => {
  it("badges a drifted resource with its count of fields, and f lists them with their managers", async () => {
    // Wide enough for the Status pane to hold a whole field path.
    const app = await renderApp(driftedBackend(), {}, { columns: 220, rows: 40 });
    await app.waitFor("web-1.2.0");
    await app.press(KEY.down, KEY.enter);
    await app.waitFor(/Deployment +prod\/web/);
    const frame = app.frame().split("\n");
    expect(frame.find((l) => l.includes("STATE"))).toMatch(/NAME +DRIFT +MESSAGE/);
    const deployment = frame.find((l) => l.includes("Deployment"))!;
    expect(deployment).toMatch(/prod\/web +2 fields +1\/2 replicas ready/);
    const configMap = frame.find((l) => l.includes("ConfigMap"))!;
    expect(configMap).not.toContain("field");
    expect(app.frame()).not.toContain("kubectl-set");

    await app.press(KEY.tab, "f");
    await app.waitFor("added by kubectl-label");
    expect(app.frame()).toContain('env[name="FOO"]  added by kubectl-set');
    await app.press("f");
    await app.waitFor((f) => !f.includes("kubectl-label"));
  });
});

describe("drift in a rollback's review", () => {
  it("lists the live changes the rollback overwrites before the diff, the lost ones first", async () => {
    const backend = standardBackend();
    const plan = backend.planRollback.bind(backend);
    const resource = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "web" };
    backend.planRollback = async (ref, revision) => ({
      ...(await plan(ref, revision)),
      liveChanges: [
        { resource, field: drift[0]!, fate: "kept" },
        {
          resource,
          field: {
            path: '.spec.template.spec.containers[name="web"].image',
            change: "changed",
            managers: ["kubectl-edit"],
          },
          fate: "overwritten",
        },
      ],
    });
    const app = await renderApp(backend, {}, { columns: 200, rows: 40 });
    await app.waitFor("web-1.2.0");
    await app.press(KEY.down, KEY.enter);
    await app.waitFor("History prod/web");
    await app.press("g", "r");
    const frame = await app.waitFor("Live changes: 1 overwritten, 1 kept");
    const lines = frame.split("\n");
    const overwritten = lines.findIndex((l) =>
      /overwritten +Deployment web {2}\.spec\.template\.spec\.containers\[name="web"\]\.image {2}\(kubectl-edit\)/.test(
        l,
      ),
    );
    const kept = lines.findIndex((l) =>
      /kept +Deployment web .*env\[name="FOO"\] {2}\(kubectl-set\)/.test(l),
    );
    expect(overwritten).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(overwritten);
    expect(frame).toContain("+   replicas: 1");
  });

  it("says a conflict fails the operation, since the UI applies without --force-conflicts", async () => {
    const backend = standardBackend();
    const plan = backend.planRollback.bind(backend);
    const resource = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "web" };
    backend.planRollback = async (ref, revision) => ({
      ...(await plan(ref, revision)),
      liveChanges: [{ resource, field: drift[0]!, fate: "conflict" }],
    });
    const app = await renderApp(backend, {}, { columns: 200, rows: 40 });
    await app.waitFor("web-1.2.0");
    await app.press(KEY.down, KEY.enter);
    await app.waitFor("History prod/web");
    await app.press("g", "r");
    await app.waitFor(
      "Live changes: 1 conflict · a conflict fails it (server-side apply without --force-conflicts)",
    );
  });
});
