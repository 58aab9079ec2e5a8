import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REAL_SERVER_COST, ZERO_COST, isConsistentList, listCostMs } from "./cost.js";
import type { ListFacts } from "./cost.js";
import { startSandbox } from "./server.js";
import type { Sandbox } from "./server.js";

const facts = (over: Partial<ListFacts>): ListFacts => ({
  consistent: true,
  scopeObjects: 0,
  scopeBytes: 0,
  keptBytes: 0,
  cacheObjects: 0,
  items: 0,
  responseBytes: 0,
  gzip: false,
  protobuf: false,
  ...over,
});

describe("which lists the real server reads from etcd (v1.19 cacher)", () => {
  const q = (s: string) => isConsistentList(new URLSearchParams(s));
  it("reads from etcd without a resourceVersion, with Exact, a continue token, or a limit", () => {
    expect(q("labelSelector=owner%3Dhelm")).toBe(true);
    expect(q("resourceVersion=5&resourceVersionMatch=Exact")).toBe(true);
    expect(q("resourceVersion=0&continue=abc")).toBe(true);
    expect(q("resourceVersion=5&limit=10")).toBe(true);
  });
  it("serves resourceVersion=0 (whatever the limit) and NotOlderThan from the watch cache", () => {
    expect(q("resourceVersion=0")).toBe(false);
    expect(q("resourceVersion=0&limit=10")).toBe(false);
    expect(q("resourceVersion=7&resourceVersionMatch=NotOlderThan")).toBe(false);
  });
});

describe("list cost", () => {
  const model = { ...ZERO_COST, scanMsPerMiB: 10, cacheObjectUs: 1000, itemUs: 1000 };
  it("charges a consistent list for every byte in scope, a cached one per object it filters", () => {
    const MiB = 1024 * 1024;
    expect(listCostMs(model, facts({ scopeBytes: 3 * MiB, items: 2, cacheObjects: 50 }))).toBe(32);
    expect(
      listCostMs(
        model,
        facts({ consistent: false, scopeBytes: 3 * MiB, items: 2, cacheObjects: 50 }),
      ),
    ).toBe(52);
  });
  it("charges gzip only when the response is gzipped", () => {
    const gz = { ...ZERO_COST, gzipMsPerMiB: 8 };
    expect(listCostMs(gz, facts({ responseBytes: 1024 * 1024, gzip: true }))).toBe(8);
    expect(listCostMs(gz, facts({ responseBytes: 1024 * 1024 }))).toBe(0);
  });
});

describe("the sandbox's list facts", () => {
  let sandbox: Sandbox;
  const post = async (path: string, body: unknown) => {
    const r = await sandbox.fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(r.status).toBe(201);
  };
  const list = async (
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{
    facts: (ListFacts & { ms: number }) | undefined;
    body: Record<string, unknown>;
  }> => {
    const r = await sandbox.fetch(path, { headers });
    const header = r.headers.get("x-sandbox-list-cost");
    return {
      facts: header === null ? undefined : (JSON.parse(header) as ListFacts & { ms: number }),
      body: (await r.json()) as Record<string, unknown>,
    };
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ cost: ZERO_COST });
    for (const ns of ["a", "b"]) await post("/api/v1/namespaces", { metadata: { name: ns } });
    for (let i = 0; i < 6; i++)
      await post("/api/v1/namespaces/a/secrets", {
        metadata: { name: `s${i}`, labels: { status: i % 2 ? "deployed" : "superseded" } },
        data: { release: Buffer.alloc(1000 * (i + 1)).toString("base64") },
      });
    await post("/api/v1/namespaces/b/secrets", { metadata: { name: "other" } });
  });
  afterAll(() => sandbox.close());

  it("counts every object in the namespace for a consistent label-selected list", async () => {
    const all = await list("/api/v1/namespaces/a/secrets");
    const some = await list("/api/v1/namespaces/a/secrets?labelSelector=status%3Ddeployed");
    expect(some.facts).toMatchObject({ consistent: true, scopeObjects: 6, items: 3 });
    expect(some.facts?.scopeBytes).toBe(all.facts?.keptBytes);
    expect(some.facts?.keptBytes).toBeLessThan(all.facts?.keptBytes ?? 0);
  });

  it("reads a cached list as the watch cache does: every object of the resource, no scan", async () => {
    const cached = await list(
      "/api/v1/namespaces/a/secrets?labelSelector=status%3Ddeployed&resourceVersion=0",
    );
    expect(cached.facts).toMatchObject({ consistent: false, scopeObjects: 6, cacheObjects: 7 });
  });

  it("scans a consistent page only up to its last item, and the next from there", async () => {
    const first = await list(
      "/api/v1/namespaces/a/secrets?labelSelector=status%3Ddeployed&limit=2",
    );
    expect(first.facts).toMatchObject({ scopeObjects: 4, items: 2 });
    const token = (first.body.metadata as { continue: string }).continue;
    const next = await list(
      `/api/v1/namespaces/a/secrets?labelSelector=status%3Ddeployed&limit=2&continue=${token}`,
    );
    expect(next.facts).toMatchObject({ consistent: true, scopeObjects: 2, items: 1 });
  });

  it("returns metadata-only lists smaller but reads the same objects for them", async () => {
    const full = await list("/api/v1/namespaces/a/secrets");
    const meta = await list("/api/v1/namespaces/a/secrets", {
      Accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1",
    });
    expect(meta.body.kind).toBe("PartialObjectMetadataList");
    expect(meta.facts?.scopeBytes).toBe(full.facts?.scopeBytes);
    expect(meta.facts?.responseBytes).toBeLessThan((full.facts?.responseBytes ?? 0) / 2);
  });

  it("charges a GET as a list of one, from etcd unless a resourceVersion is given", async () => {
    const strong = await list("/api/v1/namespaces/a/secrets/s0");
    expect(strong.facts).toMatchObject({ consistent: true, scopeObjects: 1, items: 1 });
    expect(strong.facts?.scopeBytes).toBeGreaterThan(1000);
    const cached = await list("/api/v1/namespaces/a/secrets/s0?resourceVersion=0");
    expect(cached.facts).toMatchObject({ consistent: false, scopeBytes: 0 });
  });

  it("notes a client that asks for protobuf first, as client-go does", async () => {
    const pb = await list("/api/v1/namespaces/a/secrets", {
      Accept: "application/vnd.kubernetes.protobuf,application/json",
    });
    expect(pb.facts?.protobuf).toBe(true);
    expect((await list("/api/v1/namespaces/a/secrets")).facts?.protobuf).toBe(false);
  });

  it("reports the time it charged, and nothing when the model is off", async () => {
    sandbox.setCost(REAL_SERVER_COST);
    const charged = await list("/api/v1/secrets", { "Accept-Encoding": "gzip" });
    expect(charged.facts?.gzip).toBe(false); // under 128 KiB
    expect(charged.facts?.ms).toBeCloseTo(listCostMs(REAL_SERVER_COST, charged.facts!), 0);
    sandbox.setCost(undefined);
    expect((await list("/api/v1/secrets")).facts).toBeUndefined();
    sandbox.setCost(ZERO_COST);
  });
});
