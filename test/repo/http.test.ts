import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchUrl } from "../../src/engine/repo/http.js";
import { startRepoServer, type RepoServer } from "../support/repoServer.js";

let a: RepoServer;
let b: RepoServer;
beforeEach(async () => {
  a = await startRepoServer();
  b = await startRepoServer();
});
afterEach(async () => {
  await a.close();
  await b.close();
});

const auth = { username: "ann", password: "pw" };

describe("fetchUrl", () => {
  it("stops reading a body without Content-Length once it passes the cap", async () => {
    a.routes.set("/big", { body: Buffer.alloc(2 * 1024 * 1024, 0x61), chunked: true });
    await expect(fetchUrl(`${a.url}/big`, { maxBytes: 1024 * 1024 })).rejects.toThrow(
      `GET ${a.url}/big: the response is larger than 1 MiB`,
    );
    const small = await fetchUrl(`${a.url}/big`, { maxBytes: 4 * 1024 * 1024 });
    expect(small.bytes.length).toBe(2 * 1024 * 1024);
  });

  it("gives up on a server that does not answer in time", async () => {
    a.routes.set("/slow", { hang: true });
    await expect(fetchUrl(`${a.url}/slow`, { maxBytes: 1024, idleTimeoutMs: 200 })).rejects.toThrow(
      `GET ${a.url}/slow: no response within 200 ms`,
    );
  });

  it("sends credentials after a redirect on the same host but not to another host", async () => {
    a.routes.set("/same", { redirect: "/target" });
    a.routes.set("/target", { body: "ok" });
    await fetchUrl(`${a.url}/same`, { maxBytes: 1024, ...auth });
    expect(a.authorization.get("/target")).toMatch(/^Basic /);

    // 127.0.0.1 and localhost are different hosts to the client.
    const other = b.url.replace("127.0.0.1", "localhost");
    a.routes.set("/away", { redirect: `${other}/elsewhere` });
    b.routes.set("/elsewhere", { body: "ok" });
    const result = await fetchUrl(`${a.url}/away`, { maxBytes: 1024, ...auth });
    expect(result.url).toBe(`${other}/elsewhere`);
    expect(b.authorization.get("/elsewhere")).toBeUndefined();
    await fetchUrl(`${a.url}/away`, { maxBytes: 1024, ...auth, passCredentialsAll: true });
    expect(b.authorization.get("/elsewhere")).toMatch(/^Basic /);
  });

  it("names the URL when nothing listens there and refuses other schemes", async () => {
    const url = a.url;
    await a.close();
    a = await startRepoServer();
    await expect(fetchUrl(`${url}/x`, { maxBytes: 10 })).rejects.toThrow(
      `GET ${url}/x: connect ECONNREFUSED`,
    );
    await expect(fetchUrl("oci://registry/chart", { maxBytes: 10 })).rejects.toThrow(
      "only http:// and https:// URLs are supported",
    );
  });

  it("never puts URL credentials in messages", async () => {
    await expect(
      fetchUrl(`${a.url.replace("://", "://ann:hunter2@")}/missing`, { maxBytes: 10 }),
    ).rejects.toThrow(/^GET http:\/\/127\.0\.0\.1:\d+\/missing: 404 Not Found \(not found\)$/);
  });
});
