import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { RegistryClient } from "./client.js";

/** What a real registry does not do on demand: paginate small pages, redirect blobs, answer 403. */
function fakeRegistry(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<{ host: string; close(): Promise<void> }> {
  const server = http.createServer(handle);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("RegistryClient against a fake registry", () => {
  it("follows the Link header through every page of tags", async () => {
    const pages: Record<string, { tags: string[]; next?: string }> = {
      "": { tags: ["0.1.0", "0.2.0"], next: "/v2/c/tags/list?last=0.2.0&n=2" },
      "0.2.0": { tags: ["0.3.0", "latest"], next: "/v2/c/tags/list?last=latest&n=2" },
      latest: { tags: [] },
    };
    const fake = await fakeRegistry((req, res) => {
      const url = new URL(req.url!, "http://x");
      const page = pages[url.searchParams.get("last") ?? ""]!;
      res.writeHead(200, {
        "content-type": "application/json",
        ...(page.next ? { link: `<${page.next}>; rel="next"` } : {}),
      });
      res.end(JSON.stringify({ name: "c", tags: page.tags }));
    });
    close = fake.close;
    const client = await RegistryClient.create(fake.host, { plainHttp: true, env: {} });
    expect(await client.tags("c")).toEqual(["0.1.0", "0.2.0", "0.3.0", "latest"]);
  });

  it("says 403 with the host and how to log in", async () => {
    const fake = await fakeRegistry((_req, res) => res.writeHead(403).end());
    close = fake.close;
    const client = await RegistryClient.create(fake.host, { plainHttp: true, env: {} });
    await expect(client.tags("c")).rejects.toMatchObject({
      message: `registry ${fake.host} needs credentials for ${fake.host}/c (403 Forbidden)`,
      hint: `run \`wheelhouse registry login ${fake.host}\` (or pass --username and --password)`,
    });
  });

  it("follows a blob redirect to another host without the registry's credentials", async () => {
    const blob = Buffer.from("chart bytes");
    const digest = `sha256:${createHash("sha256").update(blob).digest("hex")}`;
    const seen: (string | undefined)[] = [];
    const storage = await fakeRegistry((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200).end(blob);
    });
    const fake = await fakeRegistry((req, res) => {
      if (!req.headers.authorization) {
        res.writeHead(401, { "www-authenticate": 'Basic realm="r"' }).end();
        return;
      }
      res
        .writeHead(307, {
          location: `http://${storage.host.replace("127.0.0.1", "localhost")}/blob`,
        })
        .end();
    });
    close = async () => {
      await fake.close();
      await storage.close();
    };
    const client = await RegistryClient.create(fake.host, {
      plainHttp: true,
      env: {},
      username: "u",
      password: "p",
    });
    expect(await client.blob("c", digest, 1024)).toEqual(blob);
    expect(seen).toEqual([undefined]);
  });
});
