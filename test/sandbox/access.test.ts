/**
 * Who may talk to the sandbox: the token of its kubeconfig, over TLS with its own certificate,
 * from no web page. The answers are the ones kube-apiserver v1.19 gave for the same requests
 * (noted where the sandbox differs).
 */
import { readFileSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../support/sandbox.js";
import type { SandboxFixture } from "../support/sandbox.js";

let fx: SandboxFixture;

beforeAll(async () => {
  fx = await withSandbox();
});
afterAll(async () => {
  await fx.close();
});

/** kube-apiserver's answer to a missing or wrong token, byte for byte. */
const UNAUTHORIZED = {
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: "Unauthorized",
  reason: "Unauthorized",
  code: 401,
};

async function status(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fx.sandbox.fetch(path, init);
  const text = await res.text();
  return { status: res.status, body: text.startsWith("{") ? JSON.parse(text) : text };
}

const secretBody = (name: string): string =>
  JSON.stringify({ metadata: { name, labels: { owner: "helm" } }, data: { k: "dg==" } });

describe("the bearer token", () => {
  it("is required: no token or a wrong one gets the real server's 401, the right one gets in", async () => {
    const path = "/api/v1/namespaces/default/secrets";
    expect(await status(path, { headers: { Authorization: "" } })).toEqual({
      status: 401,
      body: UNAUTHORIZED,
    });
    expect(await status(path, { headers: { Authorization: "Bearer wrong" } })).toEqual({
      status: 401,
      body: UNAUTHORIZED,
    });
    // Another user's scheme is no token either (a real server with anonymous auth on answers
    // these 403 Forbidden for system:anonymous; the sandbox asks for credentials).
    expect((await status(path, { headers: { Authorization: "Basic YTpi" } })).status).toBe(401);
    expect(
      (await status(path, { headers: { Authorization: `bearer ${fx.sandbox.token}` } })).status,
    ).toBe(200);
    expect((await status(path)).status).toBe(200);
  });

  it("keeps a write without it out of the cluster", async () => {
    const path = "/api/v1/namespaces/default/secrets";
    const forged = await status(path, {
      method: "POST",
      headers: { Authorization: "", "Content-Type": "application/json" },
      body: secretBody("sh.helm.release.v1.forged.v1"),
    });
    expect(forged.status).toBe(401);
    expect((await status(`${path}/sh.helm.release.v1.forged.v1`)).status).toBe(404);
  });

  it("is not needed for the health probes and /version, as on a real server; a wrong one still fails", async () => {
    for (const path of ["/healthz", "/livez", "/readyz", "/readyz/ping", "/version"]) {
      expect([path, (await status(path, { headers: { Authorization: "" } })).status]).toEqual([
        path,
        200,
      ]);
      expect([
        path,
        (await status(path, { headers: { Authorization: "Bearer nope" } })).status,
      ]).toEqual([path, 401]);
    }
    expect((await status("/api", { headers: { Authorization: "" } })).status).toBe(401);
  });

  it("is a new one for each sandbox, in a kubeconfig only its owner can read, with the certificate", async () => {
    const other = await withSandbox();
    try {
      expect(other.sandbox.token).not.toBe(fx.sandbox.token);
      expect(other.sandbox.token).toMatch(/^[0-9a-f]{64}$/);
      expect(
        (
          await other.sandbox.fetch("/api/v1/namespaces", {
            headers: { Authorization: `Bearer ${fx.sandbox.token}` },
          })
        ).status,
      ).toBe(401);
    } finally {
      await other.close();
    }
    expect(statSync(fx.kubeconfigPath).mode & 0o777).toBe(0o600);
    const kubeconfig = readFileSync(fx.kubeconfigPath, "utf8");
    expect(kubeconfig).toContain(`token: ${fx.sandbox.token}`);
    expect(kubeconfig).toContain(
      `certificate-authority-data: ${Buffer.from(fx.sandbox.ca).toString("base64")}`,
    );
    expect(kubeconfig).not.toContain("insecure-skip-tls-verify");
    expect(fx.sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it("is refused to plain http: the sandbox speaks TLS only, as a real API server does", async () => {
    const answer = await new Promise<string>((resolve) => {
      const req = httpRequest(
        `http://127.0.0.1:${fx.sandbox.port}/api/v1/namespaces`,
        { headers: { Authorization: `Bearer ${fx.sandbox.token}` } },
        (res) => {
          res.resume();
          resolve(String(res.statusCode));
        },
      );
      req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
      req.end();
    });
    // The TLS server answers plain text with a 400 or drops it; never with the API.
    expect(answer).not.toBe("200");
  });
});

describe("requests from web pages", () => {
  it("refuses a cross-site form post (text/plain, any Origin), creating nothing", async () => {
    const path = "/api/v1/namespaces/default/secrets";
    const res = await status(path, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "text/plain" },
      body: secretBody("sh.helm.release.v1.planted.v1"),
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ kind: "Status", reason: "Forbidden", code: 403 });
    expect((res.body as { message: string }).message).toContain('origin "https://evil.example"');
    expect((await status(`${path}/sh.helm.release.v1.planted.v1`)).status).toBe(404);
  });

  it("refuses a request for another host name (DNS rebinding), even with the token", async () => {
    const res = await status("/api/v1/namespaces", {
      headers: { Host: `rebind.evil.example:${fx.sandbox.port}` },
    });
    expect(res.status).toBe(403);
    expect((res.body as { message: string }).message).toBe(
      `the sandbox answers requests for 127.0.0.1:${fx.sandbox.port} or localhost:${fx.sandbox.port} only, not for host "rebind.evil.example:${fx.sandbox.port}"`,
    );
    expect((await status("/api/v1/namespaces", { headers: { Host: "127.0.0.1:1" } })).status).toBe(
      403,
    );
  });

  it("answers requests addressed to it by 127.0.0.1 or localhost, and its own origin", async () => {
    const port = fx.sandbox.port;
    for (const headers of <Array<Record<string, string>>>[
      { Host: `localhost:${port}` },
      { Host: `LOCALHOST:${port}` },
      { Host: `127.0.0.1:${port}`, Origin: `https://localhost:${port}` },
    ]) {
      expect((await status("/api/v1/namespaces", { headers })).status).toBe(200);
    }
  });
});
