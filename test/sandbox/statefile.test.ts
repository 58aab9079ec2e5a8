/** The sandbox keeps its objects in a state file across restarts. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/index.js";

const dirs: string[] = [];
const open: Sandbox[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "sandbox-state-"));
  dirs.push(d);
  return d;
}

async function start(stateFile: string): Promise<Sandbox> {
  const s = await startSandbox({ stateFile, readyDelayMs: 10 });
  open.push(s);
  return s;
}

interface Meta {
  metadata: { uid: string; resourceVersion: string };
}

const json = { "Content-Type": "application/json" };

describe("state file", () => {
  it("restores objects, CRD kinds and the resourceVersion counter after a restart", async () => {
    const file = join(tempDir(), "nested", "state.json");
    const a = await start(file);
    await a.fetch(`/api/v1/namespaces`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ metadata: { name: "keep" } }),
    });
    const cm = (await (
      await a.fetch(`/api/v1/namespaces/keep/configmaps`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ metadata: { name: "c" }, data: { k: "v" } }),
      })
    ).json()) as Meta;
    await a.fetch(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({
        metadata: { name: "gadgets.example.com" },
        spec: {
          group: "example.com",
          scope: "Cluster",
          names: { plural: "gadgets", kind: "Gadget" },
          versions: [{ name: "v1", served: true, storage: true }],
        },
      }),
    });
    await a.close();
    open.splice(open.indexOf(a), 1);
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(join(file, "..")).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const b = await start(file);
    const back = await (await b.fetch(`/api/v1/namespaces/keep/configmaps/c`)).json();
    expect(back).toMatchObject({
      data: { k: "v" },
      metadata: { uid: cm.metadata.uid, resourceVersion: cm.metadata.resourceVersion },
    });
    expect((await b.fetch(`/apis/example.com/v1/gadgets`)).status).toBe(200);
    const next = (await (
      await b.fetch(`/api/v1/namespaces/keep/configmaps`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ metadata: { name: "d" } }),
      })
    ).json()) as Meta;
    expect(Number(next.metadata.resourceVersion)).toBeGreaterThan(
      Number(cm.metadata.resourceVersion),
    );
  });

  it("answers a watch from a resourceVersion older than the restart with a 410 Expired event", async () => {
    const file = join(tempDir(), "state.json");
    const a = await start(file);
    await a.fetch(`/api/v1/namespaces/default/configmaps`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ metadata: { name: "c" } }),
    });
    await a.close();
    open.splice(open.indexOf(a), 1);
    const b = await start(file);
    const text = await (await b.fetch(`/api/v1/configmaps?watch=true&resourceVersion=2`)).text();
    expect(JSON.parse(text.trim())).toMatchObject({
      type: "ERROR",
      object: { kind: "Status", code: 410, reason: "Expired" },
    });
  });

  it("journals each change at once, and folds the journal into the state file on flush()", async () => {
    const file = join(tempDir(), "state.json");
    const s = await start(file);
    await s.fetch(`/api/v1/namespaces/default/configmaps`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ metadata: { name: "soon" } }),
    });
    expect(readFileSync(`${file}.journal`, "utf8")).toContain('"name":"soon"');
    await s.flush();
    const state = JSON.parse(readFileSync(file, "utf8")) as {
      objects: Array<{ object: { metadata: { name: string } } }>;
    };
    expect(state.objects.map((o) => o.object.metadata.name)).toContain("soon");
    expect(readFileSync(`${file}.journal`, "utf8")).toBe("");
  });

  it("replays only the journal lines the state file does not hold yet", async () => {
    // A fold that stopped between writing the state file and emptying the journal leaves lines
    // the state file already holds; replayed, they would undo what came after them.
    const file = join(tempDir(), "state.json");
    const a = await start(file);
    const cm = (value: string) => ({
      method: "PUT",
      headers: json,
      body: JSON.stringify({ metadata: { name: "c" }, data: { k: value } }),
    });
    await a.fetch("/api/v1/namespaces/default/configmaps", { ...cm("old"), method: "POST" });
    const stale = readFileSync(`${file}.journal`, "utf8");
    await a.fetch("/api/v1/namespaces/default/configmaps/c", cm("new"));
    await a.close();
    open.splice(open.indexOf(a), 1);
    expect(existsSync(`${file}.journal`)).toBe(false);
    writeFileSync(`${file}.journal`, stale);
    const b = await start(file);
    const back = (await (await b.fetch("/api/v1/namespaces/default/configmaps/c")).json()) as {
      data: { k: string };
    };
    expect(back.data.k).toBe("new");
  });

  it("reports each answered request to onRequest", async () => {
    const seen: string[] = [];
    const s = await startSandbox({
      onRequest: (e) => seen.push(`${e.method} ${e.path} ${e.status}`),
    });
    open.push(s);
    await s.fetch(`/api/v1/namespaces/default/configmaps/missing`);
    expect(seen).toEqual(["GET /api/v1/namespaces/default/configmaps/missing 404"]);
  });

  it("refuses a state file that is not one, naming the file", async () => {
    const file = join(tempDir(), "state.json");
    writeFileSync(file, "{ not json");
    await expect(startSandbox({ stateFile: file })).rejects.toThrow(
      `${file} is not a sandbox state file`,
    );
  });

  it("does not hand out a cluster IP that a restored Service already has", async () => {
    const file = join(tempDir(), "state.json");
    const svc = (name: string): RequestInit => ({
      method: "POST",
      headers: json,
      body: JSON.stringify({ metadata: { name }, spec: { ports: [{ port: 80 }] } }),
    });
    const a = await start(file);
    const first = (await (
      await a.fetch(`/api/v1/namespaces/default/services`, svc("a"))
    ).json()) as { spec: { clusterIP: string } };
    await a.close();
    open.splice(open.indexOf(a), 1);
    const b = await start(file);
    const second = (await (
      await b.fetch(`/api/v1/namespaces/default/services`, svc("b"))
    ).json()) as { spec: { clusterIP: string } };
    expect(second.spec.clusterIP).not.toBe(first.spec.clusterIP);
  });
});
