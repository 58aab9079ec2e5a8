import { createHash } from "node:crypto";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegistryClient } from "../../src/engine/oci/client.js";
import { runCli } from "../support/cli.js";
import { packagedChart, ociTemp } from "../support/ociCharts.js";
import { registryAvailable, startRegistry, type RegistryFixture } from "../support/registry.js";

const digestOf = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

/** One "Error: …" line (and maybe a hint), never a stack. */
function oneLine(stderr: string): string {
  expect(stderr).not.toMatch(/^\s+at /m);
  const lines = stderr.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^Error: /);
  expect(lines.slice(1).every((l) => /^(Hint| {2})/.test(l))).toBe(true);
  return lines[0]!;
}

describe.skipIf(!registryAvailable)("oci:// errors, against a real registry", () => {
  let reg: RegistryFixture;
  let home: string;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[], plain = true) =>
    runCli([...args, ...(plain ? ["--plain-http"] : [])], { env, cwd: home });

  beforeAll(async () => {
    reg = await startRegistry();
    home = await ociTemp("wh-oci-err-");
    env = { PATH: process.env.PATH, HOME: home };
    await cli(["push", await packagedChart("demo", "0.1.0"), `oci://${reg.host}/charts`]);
    await cli(["push", await packagedChart("bad", "0.1.0"), `oci://${reg.host}/charts`]);
    // A container image's manifest: an OCI image config, a plain layer.
    const client = await RegistryClient.create(reg.host, { plainHttp: true });
    const config = Buffer.from(
      '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
    );
    const layer = Buffer.from("not a chart");
    await client.uploadBlob("images/app", digestOf(config), config);
    await client.uploadBlob("images/app", digestOf(layer), layer);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: {
          mediaType: "application/vnd.oci.image.config.v1+json",
          digest: digestOf(config),
          size: config.length,
        },
        layers: [
          {
            mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
            digest: digestOf(layer),
            size: layer.length,
          },
        ],
      }),
    );
    await client.putManifest(
      "images/app",
      "1.0.0",
      manifest,
      "application/vnd.oci.image.manifest.v1+json",
    );
  });
  afterAll(() => reg.close());

  it("an unknown tag", async () => {
    const res = await cli(["show", "chart", `oci://${reg.host}/charts/demo`, "--version", "9.9.9"]);
    expect(oneLine(res.stderr)).toBe(`Error: oci://${reg.host}/charts/demo has no tag 9.9.9`);
    expect(res.code).not.toBe(0);
  });

  it("no tag in the range", async () => {
    const res = await cli(["template", "x", `oci://${reg.host}/charts/demo`, "--version", "^5"]);
    expect(oneLine(res.stderr)).toBe(
      `Error: oci://${reg.host}/charts/demo has no version matching ^5`,
    );
    expect(res.stderr).toContain("available: 0.1.0");
  });

  it("an unknown repository", async () => {
    const res = await cli(["show", "chart", `oci://${reg.host}/charts/nothing`]);
    expect(oneLine(res.stderr)).toBe(
      `Error: repository ${reg.host}/charts/nothing not found in the registry`,
    );
  });

  it("an image, not a chart", async () => {
    const dest = await ociTemp("wh-oci-dest-");
    const res = await cli([
      "pull",
      `oci://${reg.host}/images/app`,
      "--version",
      "1.0.0",
      "-d",
      dest,
    ]);
    expect(oneLine(res.stderr)).toBe(
      `Error: oci://${reg.host}/images/app:1.0.0 is not a Helm chart: its config is application/vnd.oci.image.config.v1+json, not application/vnd.cncf.helm.config.v1+json`,
    );
    expect(readdirSync(dest)).toEqual([]);
  });

  it("a blob whose bytes do not match its digest, leaving nothing behind", async () => {
    const pulled = await cli([
      "pull",
      `oci://${reg.host}/charts/bad`,
      "-d",
      home,
      "--version",
      "0.1.0",
    ]);
    expect(pulled.code).toBe(0);
    const blobs = join(reg.dir, "data", "docker", "registry", "v2", "blobs", "sha256");
    const manifest = (await (
      await fetch(`http://${reg.host}/v2/charts/bad/manifests/0.1.0`, {
        headers: { accept: "application/vnd.oci.image.manifest.v1+json" },
      })
    ).json()) as { layers: { digest: string }[] };
    const hex = manifest.layers[0]!.digest.slice("sha256:".length);
    writeFileSync(join(blobs, hex.slice(0, 2), hex, "data"), "tampered");
    const cacheEnv = { ...env, XDG_CACHE_HOME: join(home, "fresh-cache") };
    const dest = await ociTemp("wh-oci-dest-");
    const res = await runCli(["pull", `oci://${reg.host}/charts/bad`, "-d", dest, "--plain-http"], {
      env: cacheEnv,
      cwd: home,
    });
    expect(oneLine(res.stderr)).toMatch(
      new RegExp(
        `^Error: digest mismatch for ${reg.host}/charts/bad: blob sha256:${hex} arrived as sha256:[a-f0-9]{64}$`,
      ),
    );
    expect(readdirSync(dest)).toEqual([]);
    const cached = readdirSync(
      join(home, "fresh-cache", "wheelhouse", "registry", "blobs", "sha256"),
    );
    expect(cached).not.toContain(hex);
    expect(cached.every((f) => !f.endsWith(".tmp"))).toBe(true);
  });

  it("a manifest whose bytes do not match its digest", async () => {
    const res0 = await fetch(`http://${reg.host}/v2/charts/demo/manifests/0.1.0`, {
      method: "HEAD",
      headers: { accept: "application/vnd.oci.image.manifest.v1+json" },
    });
    const hex = res0.headers.get("docker-content-digest")!.slice("sha256:".length);
    const blobs = join(reg.dir, "data", "docker", "registry", "v2", "blobs", "sha256");
    writeFileSync(join(blobs, hex.slice(0, 2), hex, "data"), '{"schemaVersion":2}');
    const res = await cli(["show", "chart", `oci://${reg.host}/charts/demo`, "--version", "0.1.0"]);
    expect(oneLine(res.stderr)).toMatch(
      new RegExp(
        `^Error: digest mismatch for ${reg.host}/charts/demo@sha256:${hex}: the manifest received is sha256:[a-f0-9]{64}$`,
      ),
    );
  });

  it("a registry nobody listens on", async () => {
    const closed = await startRegistry();
    const host = closed.host;
    await closed.close();
    const res = await runCli(["show", "chart", `oci://${host}/charts/demo`, "--plain-http"], {
      env,
      cwd: home,
    });
    expect(oneLine(res.stderr)).toMatch(
      new RegExp(
        `^Error: registry ${host} is unreachable: (connect ECONNREFUSED|read ECONNRESET|socket hang up)`,
      ),
    );
  });

  it("HTTPS to a plain-HTTP registry says --plain-http", async () => {
    const res = await cli(["show", "chart", `oci://${reg.host}/charts/demo`], false);
    expect(oneLine(res.stderr)).toBe(
      `Error: TLS with registry ${reg.host} failed: wrong version number`,
    );
    expect(res.stderr).toContain("Hint: the registry speaks plain HTTP; pass --plain-http");
  });

  it("a malformed reference", async () => {
    const res = await cli(["show", "chart", `oci://${reg.host}/Charts/Demo`]);
    expect(oneLine(res.stderr)).toMatch(/is not a repository path/);
    const digest = await cli(["show", "chart", `oci://${reg.host}/charts/demo@sha256:abc`]);
    expect(oneLine(digest.stderr)).toMatch(/"sha256:abc" is not a sha256 digest/);
  });

  it("push takes oci://HOST/PATH only, and a chart archive", async () => {
    const chart = await packagedChart("demo", "0.1.0");
    const tagged = await cli(["push", chart, `oci://${reg.host}/charts:1.0`]);
    expect(oneLine(tagged.stderr)).toBe(
      `Error: oci://${reg.host}/charts:1.0: push takes oci://HOST/PATH without a tag or digest`,
    );
    const notOci = await cli(["push", chart, `http://${reg.host}/charts`]);
    expect(oneLine(notOci.stderr)).toBe(
      `Error: "http://${reg.host}/charts" is not an oci:// reference`,
    );
    const missing = await cli(["push", "nope-1.0.0.tgz", `oci://${reg.host}/charts`]);
    expect(oneLine(missing.stderr)).toBe("Error: nope-1.0.0.tgz: no such chart archive");
    const logout = await runCli(["registry", "logout", reg.host], {
      env: { ...env, HELM_REGISTRY_CONFIG: join(home, "none.json") },
    });
    expect(oneLine(logout.stderr)).toBe(`Error: not logged in to ${reg.host}`);
  });
});
