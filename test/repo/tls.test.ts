import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { selfSignedCert, startRepoServer, type RepoServer } from "../support/repoServer.js";
import { repoEnv, serveCharts } from "./helpers.js";

const cert = selfSignedCert();

describe.skipIf(cert === undefined)("a repository behind a self-signed TLS certificate", () => {
  let server: RepoServer;
  beforeAll(async () => {
    server = await startRepoServer({ tls: { key: cert!.key, cert: cert!.cert } });
    await serveCharts(server, [{ name: "web", version: "1.0.0" }]);
  });
  afterAll(() => server.close());

  it("is refused without --ca-file, with a hint", async () => {
    const env = await repoEnv();
    const result = await runCli(["repo", "add", "tls", server.url], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`GET ${server.url}/index.yaml: TLS verification failed`);
    expect(result.stderr).toMatch(/Hint: pass the server's CA with --ca-file/);
  });

  it("is trusted with --ca-file, for the index and the chart download", async () => {
    const env = await repoEnv();
    const added = await runCli(["repo", "add", "tls", server.url, "--ca-file", cert!.certFile], {
      env,
    });
    expect(added).toMatchObject({ code: 0 });
    const pulled = await runCli(["pull", "tls/web", "-d", env.HOME], { env });
    expect(pulled).toMatchObject({ code: 0, stderr: "" });
  });

  it("is accepted with --insecure-skip-tls-verify", async () => {
    const env = await repoEnv();
    const added = await runCli(["repo", "add", "tls", server.url, "--insecure-skip-tls-verify"], {
      env,
    });
    expect(added).toMatchObject({ code: 0 });
    const template = await runCli(["template", "r", "tls/web"], { env });
    expect(template.stdout).toContain('version: "1.0.0"');
  });
});

const client = cert ? selfSignedCert() : undefined;

describe.skipIf(client === undefined)("a repository that requires a client certificate", () => {
  let server: RepoServer;
  beforeAll(async () => {
    server = await startRepoServer({
      tls: { key: cert!.key, cert: cert!.cert, clientCa: client!.cert },
    });
    await serveCharts(server, [{ name: "web", version: "1.0.0" }]);
  });
  afterAll(() => server.close());

  it("is refused without --cert-file/--key-file and accepted with them", async () => {
    const env = await repoEnv();
    const without = await runCli(["repo", "add", "mtls", server.url, "--ca-file", cert!.certFile], {
      env,
    });
    expect(without.code).toBe(1);
    expect(without.stderr).toContain(`GET ${server.url}/index.yaml:`);
    const only = await runCli(
      ["repo", "add", "mtls", server.url, "--cert-file", client!.certFile],
      { env },
    );
    expect(only.stderr).toMatch(/--cert-file and --key-file must be given together/);
    const withCert = await runCli(
      [
        "repo",
        "add",
        "mtls",
        server.url,
        "--ca-file",
        cert!.certFile,
        "--cert-file",
        client!.certFile,
        "--key-file",
        client!.keyFile,
      ],
      { env },
    );
    expect(withCert).toMatchObject({ code: 0, stderr: "" });
    const pulled = await runCli(["pull", "mtls/web", "-d", env.HOME], { env });
    expect(pulled).toMatchObject({ code: 0, stderr: "" });
  });
});
