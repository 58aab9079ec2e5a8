import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { useFakeApiClient } from "../../test/kube/fakeApiClient.js";
import { closedPort, fakeKubeConfig, statusBody } from "../../test/support/fakeApiServer.js";
import type { FakeApiServer } from "../../test/support/fakeApiServer.js";
import { KubeClient } from "./client.js";
import { coreResources } from "./coreResources.js";
import { KubeTimeoutError, KubeUnreachableError } from "./errors.js";

let api: FakeApiServer;
let client: KubeClient;

useFakeApiClient((a, c) => {
  api = a;
  client = c;
});

describe("compressed answers", () => {
  it("asks for gzip and reads a gzip'd list, as kube-apiserver sends big ones", async () => {
    api.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gzipSync(JSON.stringify({ items: [{ metadata: { name: "a" }, data: {} }] })));
      return undefined;
    });
    const items = await coreResources(client, "configmaps").list("default");
    expect(items.map((o) => o.metadata.name)).toEqual(["a"]);
    expect(api.requests[0]?.headers["accept-encoding"]).toBe("gzip");
  });

  it("names the server and request when a gzip'd or protobuf answer cannot be read", async () => {
    api.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gzipSync("{}").subarray(0, 8));
      return undefined;
    });
    const secrets = coreResources(client, "secrets");
    await expect(secrets.list("default")).rejects.toMatchObject({
      kind: "kube",
      message: expect.stringMatching(
        new RegExp(`${api.url}.*GET /api/v1/namespaces/default/secrets.*does not inflate`),
      ),
    });
    api.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/vnd.kubernetes.protobuf" });
      res.end(Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x12, 0x40, 0x0a]));
      return undefined;
    });
    await expect(secrets.list("default")).rejects.toMatchObject({
      kind: "kube",
      message: expect.stringContaining("could not read (application/vnd.kubernetes.protobuf)"),
      details: "truncated protobuf message",
    });
  });
});

describe("timeouts and retries", () => {
  it("retries an idempotent read after a 503 and succeeds", async () => {
    let n = 0;
    api.handle(() =>
      ++n < 3
        ? { status: 503, body: "busy" }
        : { body: { major: "1", minor: "30", gitVersion: "v1.30.0" } },
    );
    expect((await client.serverVersion()).minor).toBe("30");
    expect(api.requests).toHaveLength(3);
  });

  it("gives up on reads after the bounded number of retries", async () => {
    api.handle(() => ({ status: 429, body: statusBody(429, "TooManyRequests", "slow down") }));
    await expect(client.serverVersion()).rejects.toMatchObject({ reason: "TooManyRequests" });
    expect(api.requests).toHaveLength(4);
  });

  it("never retries a write on a 5xx", async () => {
    api.handle(() => ({ status: 500, body: statusBody(500, "InternalError", "etcd hiccup") }));
    await expect(
      coreResources(client, "configmaps").create({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "c" },
      }),
    ).rejects.toMatchObject({ reason: "ServerError" });
    expect(api.requests).toHaveLength(1);
  });

  it("times out a call the server never answers", async () => {
    api.handle(() => new Promise(() => {}));
    const slow = new KubeClient(api.config(), { timeoutMs: 150, retries: 0 });
    const err = await coreResources(slow, "secrets")
      .get("default", "x")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeTimeoutError);
    expect((err as Error).message).toContain("did not answer within 150ms");
    expect((err as Error).message).toContain(api.url);
  });

  it("names the server URL when nothing listens there", async () => {
    const port = await closedPort();
    const dead = new KubeClient(fakeKubeConfig(`http://127.0.0.1:${port}`), {
      retries: 1,
      retryBaseMs: 1,
    });
    const err = await dead.serverVersion().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeUnreachableError);
    expect((err as Error).message).toBe(
      `cannot reach the Kubernetes API server at http://127.0.0.1:${port}: connection refused (ECONNREFUSED)`,
    );
  });
});

describe("answers read as bytes", () => {
  it("hands a successful answer's bytes and content type to decode; an error is still a Status", async () => {
    api.handle(() => ({
      body: "k8s\u0000raw",
      headers: { "content-type": "application/vnd.kubernetes.protobuf" },
    }));
    const seen = await client.request<{ text: string; type: string }>({
      method: "GET",
      path: "/api/v1/secrets",
      verb: "list",
      resource: "secrets",
      accept: "application/vnd.kubernetes.protobuf",
      decode: (bytes, type) => ({ text: bytes.toString("latin1"), type }),
    });
    expect(seen).toEqual({ text: "k8s\u0000raw", type: "application/vnd.kubernetes.protobuf" });
    expect(api.requests[0]?.headers.accept).toBe("application/vnd.kubernetes.protobuf");

    api.handle(() => ({ status: 403, body: statusBody(403, "Forbidden", "no secrets for you") }));
    await expect(
      client.request({
        method: "GET",
        path: "/api/v1/secrets",
        verb: "list",
        resource: "secrets",
        decode: () => "never",
      }),
    ).rejects.toMatchObject({ reason: "Forbidden" });
  });
});
