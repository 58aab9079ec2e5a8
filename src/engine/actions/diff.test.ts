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
});
