/**
 * The UI's one list+watch of release records (issue 13), seen from the
 * sandbox's request log: one metadata list from the watch cache, one watch
 * from its resourceVersion, payloads only for the releases shown, a broken
 * watch resumed where it was, and a 410 Gone listed again.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ActionContext } from "../../src/engine/actions/context.js";
import { ConfigMapDriver } from "../../src/engine/storage/configmaps.js";
import type { StorageDriver } from "../../src/engine/storage/driver.js";
import { ReleaseStorage } from "../../src/engine/storage/releaseStorage.js";
import type { KubeClient } from "../../src/kube/client.js";
import { coreResources } from "../../src/kube/coreResources.js";
import type { LoggedRequest } from "../../src/sandbox/index.js";
import type { ReleaseChange, ReleaseRef, ReleaseWatch } from "../../src/state/backend.js";
import { EngineBackend } from "../../src/state/engineBackend.js";
import { makeRelease } from "../support/releases.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { engineOver } from "../support/sandboxEngine.js";

const RELEASES = 30;
const REVISIONS = 3;
let fx: SandboxFixture;
let client: KubeClient;
let ctx: ActionContext;
let backend: EngineBackend | undefined;

const name = (i: number) => `r-${String(i).padStart(2, "0")}`;
const namespaceOf = (i: number) => (i % 2 === 0 ? "default" : "team");
const ref = (i: number): ReleaseRef => ({ name: name(i), namespace: namespaceOf(i) });

/** Release `i`: REVISIONS revisions, the last deployed. */
async function seedRelease(driver: StorageDriver, i: number): Promise<void> {
  for (let version = 1; version <= REVISIONS; version++) {
    await driver.create(
      makeRelease({
        ...ref(i),
        version,
        status: version === REVISIONS ? "deployed" : "superseded",
      }),
    );
  }
}

beforeAll(async () => {
  fx = await withSandbox({ bookmarkMs: 50 });
  ({ client, ctx } = engineOver(fx.kubeconfigPath));
  await client.objects.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
  for (let i = 0; i < RELEASES; i++) await seedRelease(ctx.storage.driver, i);
});
afterEach(() => {
  backend?.close();
  backend = undefined;
  fx.sandbox.setFaults({});
});
afterAll(async () => {
  client.close();
  await fx.close();
});

/** The requests from here on, by what they are. */
function requestsFrom(resource = "secrets") {
  const start = fx.sandbox.requestLog().length;
  const all = (): LoggedRequest[] => fx.sandbox.requestLog().slice(start);
  const collection = new RegExp(`/${resource}\\?`);
  const query = (r: LoggedRequest) => new URL(r.path, "http://x").searchParams;
  return {
    all,
    lists: () => all().filter((r) => collection.test(r.path) && query(r).get("watch") !== "true"),
    watches: () => all().filter((r) => collection.test(r.path) && query(r).get("watch") === "true"),
    payloads: () =>
      all().filter(
        (r) => r.method === "GET" && r.path.includes(`/${resource}/sh.helm.release.v1.`),
      ),
    query,
  };
}

/** The server's current resourceVersion, as a list reports it. */
async function serverVersion(): Promise<string> {
  const list = await client.request<{ metadata: { resourceVersion: string } }>({
    method: "GET",
    path: "/api/v1/namespaces/kube-system/configmaps",
    verb: "list",
    resource: "configmaps",
  });
  return list.metadata.resourceVersion;
}

/** A backend watching every namespace, with what its watch told. */
async function watching(driverCtx: ActionContext = ctx) {
  backend = new EngineBackend(driverCtx, client, process.cwd());
  const changes: ReleaseChange[] = [];
  const watch: ReleaseWatch = backend.watchReleases({}, (c) => changes.push(c));
  const rows = await backend.releases({});
  return { backend, watch, changes, rows };
}

const details = (changes: ReleaseChange[]) => changes.filter((c) => c.kind === "details").length;

describe("the UI's list+watch of release records", () => {
  it("lists metadata once from the watch cache and watches from that list's resourceVersion, with bookmarks", async () => {
    const requests = requestsFrom();
    const before = await serverVersion();
    const { rows } = await watching();
    expect(rows).toHaveLength(RELEASES);
    expect(rows[0]).toMatchObject({ name: "r-00", revision: 3, status: "deployed", pending: true });
    const lists = requests.lists();
    expect(lists).toHaveLength(1);
    expect(requests.query(lists[0]!).get("resourceVersion")).toBe("0");
    expect(requests.query(lists[0]!).get("labelSelector")).toBe("owner=helm");
    await expect.poll(() => requests.watches().length).toBe(1);
    const watch = requests.query(requests.watches()[0]!);
    expect(watch.get("allowWatchBookmarks")).toBe("true");
    expect(watch.get("resourceVersion")).toBe(before);
    expect(requests.payloads()).toEqual([]);
  });

  it("counts releases per namespace from the kept list, else from the watch cache", async () => {
    const requests = requestsFrom();
    backend = new EngineBackend(ctx, client, process.cwd());
    backend.prefetch({});
    const all = await backend.namespaces();
    expect(all.namespaces).toContainEqual({ name: "team", releases: RELEASES / 2 });
    await backend.releases({});
    expect(requests.lists()).toHaveLength(1);
    // One namespace in view: the other namespaces' counts come from one more (cached) list.
    await backend.releases({ namespace: "team" });
    expect((await backend.namespaces()).namespaces).toContainEqual({
      name: "default",
      releases: RELEASES / 2,
    });
    // All from the watch cache: rv=0, or not older than this client's own last write.
    expect(
      requests.lists().map((r) => {
        const q = requests.query(r);
        return q.get("resourceVersion") === "0" || q.get("resourceVersionMatch") === "NotOlderThan";
      }),
    ).toEqual([true, true, true]);
  });

  it("reads payloads only for the releases shown, each stored record once", async () => {
    const requests = requestsFrom();
    const decodedBefore = ctx.storage.decodedPayloads;
    const { backend, watch, changes } = await watching();
    watch.show([0, 1, 2, 3, 4].map(ref));
    await expect.poll(() => details(changes)).toBe(1);
    expect(requests.payloads()).toHaveLength(5);
    expect(requests.payloads().map((r) => r.path)).toContain(
      "/api/v1/namespaces/default/secrets/sh.helm.release.v1.r-00.v3",
    );
    let rows = await backend.releases({});
    expect(rows.filter((r) => !r.pending).map((r) => r.name)).toEqual([
      "r-00",
      "r-01",
      "r-02",
      "r-03",
      "r-04",
    ]);
    expect(rows[0]).toMatchObject({ chart: "web-1.0.0", appVersion: "1.0" });

    // Scrolled by one: only the row that came into view is read.
    watch.show([1, 2, 3, 4, 5].map(ref));
    await expect.poll(() => details(changes)).toBe(2);
    expect(requests.payloads()).toHaveLength(6);
    expect(ctx.storage.decodedPayloads - decodedBefore).toBe(6);
    rows = await backend.releases({});
    expect(rows.find((r) => r.name === "r-05")).toMatchObject({ chart: "web-1.0.0" });
  });

  it("applies the watch's changes without listing again; a shown release that changes is read again", async () => {
    const requests = requestsFrom();
    const { backend, watch, changes } = await watching();
    watch.show([ref(0)]);
    await expect.poll(() => details(changes)).toBe(1);

    // An upgrade of the shown release, and the uninstall of one not shown.
    const release = makeRelease({ ...ref(0), version: 4, status: "deployed" });
    release.chart!.metadata.version = "2.0.0";
    await ctx.storage.driver.update(makeRelease({ ...ref(0), version: 3, status: "superseded" }));
    await ctx.storage.driver.create(release);
    for (let v = 1; v <= REVISIONS; v++) await ctx.storage.driver.delete("team", name(9), v);

    await expect
      .poll(async () => (await backend.releases({})).find((r) => r.name === "r-00")?.chart)
      .toBe("web-2.0.0");
    const rows = await backend.releases({});
    expect(rows).toHaveLength(RELEASES - 1);
    expect(rows.find((r) => r.name === "r-00")).toMatchObject({ revision: 4, status: "deployed" });
    const told = changes.flatMap((c) => (c.kind === "records" ? (c.releases ?? []) : []));
    expect(told).toContainEqual(ref(0));
    expect(told).toContainEqual(ref(9));
    expect(requests.lists()).toHaveLength(1);
    expect(requests.payloads().map((r) => r.path.split("/").at(-1))).toEqual([
      "sh.helm.release.v1.r-00.v3",
      "sh.helm.release.v1.r-00.v4",
    ]);
    // Put back what the next tests count on.
    await ctx.storage.driver.delete("default", name(0), 4);
    await ctx.storage.driver.update(makeRelease({ ...ref(0), version: 3, status: "deployed" }));
    await seedRelease(ctx.storage.driver, 9);
  });

  it("resumes a broken watch from the last resourceVersion it saw (a bookmark's too), without listing", async () => {
    const requests = requestsFrom();
    const { backend, changes } = await watching();
    await expect.poll(() => requests.watches().length).toBe(1);
    // Writes elsewhere move the server on; the next bookmark carries that resourceVersion.
    await client.objects.apply({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "elsewhere", namespace: "default" },
      data: { n: String(Date.now()) },
    });
    const moved = await serverVersion();
    await new Promise((r) => setTimeout(r, 200));
    expect(fx.sandbox.dropWatches()).toBeGreaterThan(0);
    await expect.poll(() => requests.watches().length, { timeout: 5000 }).toBe(2);
    expect(requests.query(requests.watches()[1]!).get("resourceVersion")).toBe(moved);

    await ctx.storage.driver.create(makeRelease({ name: "late", namespace: "default" }));
    await expect
      .poll(() =>
        changes.some((c) => c.kind === "records" && c.releases?.some((r) => r.name === "late")),
      )
      .toBe(true);
    expect((await backend.releases({})).some((r) => r.name === "late")).toBe(true);
    expect(requests.lists()).toHaveLength(1);
    await ctx.storage.driver.delete("default", "late", 1);
  });

  it("lists again when the watch's resourceVersion is gone (an ERROR event with 410)", async () => {
    const requests = requestsFrom();
    const { backend, changes } = await watching();
    await expect.poll(() => requests.watches().length).toBe(1);
    // Keep it from reconnecting while the server moves on and compacts.
    fx.sandbox.setFaults({
      failRequests: [{ method: "GET", pathIncludes: "watch=true", status: 503 }],
    });
    fx.sandbox.dropWatches();
    await ctx.storage.driver.create(makeRelease({ name: "gap", namespace: "team" }));
    for (let v = 1; v <= REVISIONS; v++) await ctx.storage.driver.delete("default", name(2), v);
    fx.sandbox.compact();
    const compactedAt = Number(await serverVersion());
    fx.sandbox.setFaults({});

    await expect.poll(() => requests.lists().length, { timeout: 10_000 }).toBe(2);
    await expect.poll(async () => (await backend.releases({})).map((r) => r.name)).toContain("gap");
    expect((await backend.releases({})).map((r) => r.name)).not.toContain(name(2));
    expect(changes.filter((c) => c.kind === "records" && !c.releases)).not.toHaveLength(0);
    // Watching again from the new list, not from where the old watch was.
    const last = () => Number(requests.query(requests.watches().at(-1)!).get("resourceVersion"));
    await expect.poll(last).toBeGreaterThanOrEqual(compactedAt);
    await ctx.storage.driver.delete("team", "gap", 1);
    await seedRelease(ctx.storage.driver, 2);
  });

  it("lists again when the server answers the watch 410 Gone", async () => {
    const requests = requestsFrom();
    await watching();
    await expect.poll(() => requests.watches().length).toBe(1);
    fx.sandbox.setFaults({
      failRequests: [{ method: "GET", pathIncludes: "watch=true", status: 410, times: 1 }],
    });
    fx.sandbox.dropWatches();
    await expect.poll(() => requests.lists().length, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => requests.watches().length, { timeout: 10_000 }).toBe(3);
  });

  it("watches ConfigMap records the same way (HELM_DRIVER=configmap)", async () => {
    const configMaps: ActionContext = {
      ...ctx,
      storage: new ReleaseStorage(new ConfigMapDriver(coreResources(client, "configmaps"))),
    };
    await configMaps.storage.driver.create(makeRelease({ name: "cm-app", namespace: "team" }));
    const requests = requestsFrom("configmaps");
    const { backend, watch, changes, rows } = await watching(configMaps);
    expect(rows.map((r) => r.name)).toEqual(["cm-app"]);
    watch.show([{ name: "cm-app", namespace: "team" }]);
    await expect.poll(() => details(changes)).toBe(1);
    await configMaps.storage.driver.create(
      makeRelease({ name: "cm-app", namespace: "team", version: 2 }),
    );
    await expect.poll(async () => (await backend.releases({}))[0]?.revision).toBe(2);
    expect(requests.lists()).toHaveLength(1);
    expect(requests.watches()).toHaveLength(1);
  });
});
