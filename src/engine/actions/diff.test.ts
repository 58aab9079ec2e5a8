import { describe, expect, it } from "vitest";
import { configMap, service, withHistory } from "../../../test/support/engine.js";
import { diffLive, diffRevisions, diffRollback } from "./diff.js";

const secret = (password: string) =>
  `---\n# Source: web/templates/secret.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: ${password}\n  user: admin\n`;

describe("diff actions", () => {
  it("diffs two revisions per resource", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["deployed", configMap("two") + service],
    ]);
    const { diff } = await diffRevisions(engine.ctx, "demo", "default", 1, 2);
    expect(diff.resources.map((r) => [r.kind, r.change])).toEqual([
      ["ConfigMap", "changed"],
      ["Service", "added"],
    ]);
    expect(diff.resources[0]?.lines.filter((l) => l.op !== "context").map((l) => l.text)).toEqual([
      '  value: "one"',
      '  value: "two"',
    ]);
  });

  it("compares against the deployed revision when no second revision is given", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["deployed", configMap("two")],
      ["failed", configMap("three")],
    ]);
    const { to } = await diffRevisions(engine.ctx, "demo", "default", 1);
    expect(to.version).toBe(2);
  });

  it("masks Secret values unless asked, while still showing which keys changed", async () => {
    const engine = await withHistory([
      ["superseded", secret("old-pass")],
      ["deployed", secret("new-pass")],
    ]);
    const masked = await diffRevisions(engine.ctx, "demo", "default", 1, 2);
    const text = masked.diff.resources[0]!.lines.map((l) => `${l.op}:${l.text}`).join("\n");
    expect(text).not.toMatch(/old-pass|new-pass|admin/);
    expect(text).toContain('remove:  password: "-------- # (8 bytes)"');
    expect(text).toContain('add:  password: "++++++++ # (8 bytes)"');
    expect(text).toContain('context:  user: "REDACTED # (5 bytes)"');
    const shown = await diffRevisions(engine.ctx, "demo", "default", 1, 2, { showSecrets: true });
    expect(shown.diff.resources[0]!.lines.map((l) => l.text).join("\n")).toContain("new-pass");
  });

  it("previews a rollback as deployed → target", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["deployed", configMap("two") + service],
    ]);
    const { from, to, diff } = await diffRollback(engine.ctx, "demo", "default");
    expect([from?.version, to.version]).toEqual([2, 1]);
    expect(diff.summary).toMatchObject({ changed: 1, removed: 1 });
  });

  it("previews a rollback of an uninstalled release (history kept) as every object added", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["uninstalled", configMap("two") + service],
    ]);
    const { from, to, diff } = await diffRollback(engine.ctx, "demo", "default", 1);
    expect(from).toBeUndefined();
    expect(to.version).toBe(1);
    expect(diff.resources.map((r) => [r.kind, r.change])).toEqual([["ConfigMap", "added"]]);
  });

  it("finds drift in fields the manifest sets, ignoring what the server added", async () => {
    const engine = await withHistory([["deployed", configMap("one") + service]]);
    const live = engine.cluster.find("ConfigMap", "settings")!;
    live.data = { value: "edited-by-hand" };
    Object.assign(live.metadata, {
      uid: "123",
      resourceVersion: "42",
      managedFields: [{ manager: "kubectl" }],
    });
    engine.cluster.objects.delete("/Service/default/web");
    const { diff } = await diffLive(engine.ctx, "demo", "default");
    expect(diff.resources.map((r) => [r.kind, r.change])).toEqual([
      ["ConfigMap", "changed"],
      ["Service", "removed"],
    ]);
    const changed = diff.resources[0]!.lines.filter((l) => l.op !== "context").map((l) => l.text);
    expect(changed).toEqual(["  value: one", "  value: edited-by-hand"]);
  });

  it("sees no drift in a Secret written with stringData", async () => {
    const engine = await withHistory([["deployed", secret("p")]]);
    const live = engine.cluster.find("Secret", "creds")!;
    live.data = {
      password: Buffer.from("p").toString("base64"),
      user: Buffer.from("admin").toString("base64"),
    };
    delete live.stringData;
    const { diff } = await diffLive(engine.ctx, "demo", "default");
    expect(diff.summary.changed).toBe(0);
  });

  describe("drift from managedFields", () => {
    const deployment =
      '---\n# Source: web/templates/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1\n        env:\n        - name: A\n          value: "1"\n';
    type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const container = (live: Obj): Obj => live.spec.template.spec.containers[0];
    const entry = (manager: string, fieldsV1: Obj, subresource?: string) => ({
      manager,
      operation: "Update",
      apiVersion: "apps/v1",
      fieldsType: "FieldsV1",
      fieldsV1,
      ...(subresource ? { subresource } : {}),
    });
    const inContainer = (fields: Obj) => ({
      "f:spec": {
        "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': fields } } },
      },
    });

    async function drifted(edit: (live: Obj) => void) {
      const engine = await withHistory([["deployed", deployment]]);
      const live = engine.cluster.find("Deployment", "web")! as Obj;
      // What the server defaulted, and helm's own ownership of what it wrote.
      container(live).imagePullPolicy = "IfNotPresent";
      live.spec.strategy = { type: "RollingUpdate" };
      live.metadata.managedFields = [
        entry("helm", {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": { "f:replicas": {} },
        }),
      ];
      edit(live);
      return (await diffLive(engine.ctx, "demo", "default")).diff;
    }

    it("reports an env var `kubectl set env` added, with its manager", async () => {
      const diff = await drifted((live) => {
        container(live).env.push({ name: "FOO", value: "bar" });
        live.metadata.managedFields.push(
          entry(
            "kubectl-set",
            inContainer({
              "f:env": { 'k:{"name":"FOO"}': { ".": {}, "f:name": {}, "f:value": {} } },
            }),
          ),
        );
      });
      expect(diff.summary.changed).toBe(1);
      const added = diff.resources[0]!.lines.filter((l) => l.op === "add").map((l) =>
        l.text.trim(),
      );
      expect(added).toEqual(["- name: FOO", "value: bar"]);
      expect(diff.resources[0]!.drift).toEqual([
        {
          path: '.spec.template.spec.containers[name="web"].env[name="FOO"]',
          change: "added",
          managers: ["kubectl-set"],
        },
      ]);
    });

    it("reports a label and an annotation added by kubectl", async () => {
      const diff = await drifted((live) => {
        live.metadata.labels.team = "x";
        live.metadata.annotations = { ...live.metadata.annotations, note: "y" };
        live.metadata.managedFields.push(
          entry("kubectl-label", { "f:metadata": { "f:labels": { "f:team": {} } } }),
          entry("kubectl-annotate", { "f:metadata": { "f:annotations": { "f:note": {} } } }),
        );
      });
      expect(diff.resources[0]!.drift).toEqual([
        { path: ".metadata.labels.team", change: "added", managers: ["kubectl-label"] },
        { path: ".metadata.annotations.note", change: "added", managers: ["kubectl-annotate"] },
      ]);
    });

    it("ignores what controllers own: status, the revision annotation, replicas under an autoscaler", async () => {
      const diff = await drifted((live) => {
        live.spec.replicas = 5;
        live.status = { replicas: 5 };
        live.metadata.annotations = {
          ...live.metadata.annotations,
          "deployment.kubernetes.io/revision": "3",
        };
        live.metadata.managedFields = [
          entry("helm", { "f:metadata": { "f:labels": { "f:app": {} } } }),
          entry("kube-controller-manager", {
            "f:metadata": { "f:annotations": { "f:deployment.kubernetes.io/revision": {} } },
          }),
          entry("kube-controller-manager", { "f:status": { "f:replicas": {} } }, "status"),
          entry("horizontal-pod-autoscaler", { "f:spec": { "f:replicas": {} } }, "scale"),
        ];
      });
      expect(diff.summary).toMatchObject({ changed: 0, unchanged: 1 });
    });

    it("still shows a field changed live that no other manager owns", async () => {
      const diff = await drifted((live) => {
        container(live).image = "nginx:2";
      });
      expect(diff.resources[0]!.drift).toEqual([
        {
          path: '.spec.template.spec.containers[name="web"].image',
          change: "changed",
          managers: [],
        },
      ]);
    });
  });
});
