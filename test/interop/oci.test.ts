import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeChart } from "../support/charts.js";
import { runCli } from "../support/cli.js";
import { helmBinary, helmEnv } from "../support/helm.js";
import { PULLED, goChart, ociTemp } from "../support/ociCharts.js";
import { registryAvailable, startRegistry, type RegistryFixture } from "../support/registry.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

const run = promisify(execFile);
const helms = ([4, 3] as const).flatMap((major) => {
  const path = helmBinary(major);
  return path ? [{ major, path }] : [];
});

/** A chart with every field helm puts in the config blob and the manifest's annotations. */
const richChart = {
  ...goChart(
    "rich",
    "1.2.3+meta.7",
    [
      "home: https://example.com/?a=1&b=2",
      "sources:",
      "  - https://github.com/example/rich",
      "  - https://mirror.example.com/rich",
      "keywords: [demo, <test>]",
      "maintainers:",
      "  - name: Ann <ann>",
      "    email: ann@example.com",
      "  - name: Bob",
      "    url: https://bob.example.com",
      "icon: https://example.com/icon.png",
      "kubeVersion: '>=1.19.0-0'",
      "type: application",
      "deprecated: true",
      "annotations:",
      "  zeta: last",
      "  alpha: first",
      "  org.opencontainers.image.title: not-the-title",
      "  org.opencontainers.image.description: from an annotation",
      "dependencies:",
      "  - name: db",
      "    version: 0.1.0",
      "    repository: file://charts/db",
      "    condition: db.enabled",
      "    tags: [backend]",
      "    alias: database",
      "    import-values:",
      "      - child: exports.x",
      "        parent: x",
      "",
    ].join("\n"),
  ),
  "charts/db/Chart.yaml": "apiVersion: v2\nname: db\nversion: 0.1.0\n",
  "charts/db/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\n",
};

describe.skipIf(!registryAvailable || helms.length === 0)("OCI interop with real helm", () => {
  let reg: RegistryFixture;
  let fx: SandboxFixture;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let archive: string;

  beforeAll(async () => {
    reg = await startRegistry();
    fx = await withSandbox();
    dir = await ociTemp("wh-oci-interop-");
    env = {
      ...helmEnv(fx.dir, fx.kubeconfigPath),
      HELM_REGISTRY_CONFIG: join(dir, "registry.json"),
    };
    const chartDir = await writeChart(richChart, "rich");
    const packaged = await runCli(["package", chartDir, "-d", dir], { env });
    expect(packaged.code).toBe(0);
    archive = join(dir, "rich-1.2.3+meta.7.tgz");
    writeFileSync(`${archive}.prov`, "-----BEGIN PGP SIGNED MESSAGE-----\nnot checked by push\n");
    // helm stamps org.opencontainers.image.created with the archive's modification time.
    utimesSync(archive, new Date("2024-05-06T07:08:09Z"), new Date("2024-05-06T07:08:09Z"));
  });
  afterAll(async () => {
    await reg.close();
    await fx.close();
  });

  const manifest = async (repository: string, tag: string) => {
    const res = await fetch(`http://${reg.host}/v2/${repository}/manifests/${tag}`, {
      headers: { accept: "application/vnd.oci.image.manifest.v1+json" },
    });
    return {
      bytes: Buffer.from(await res.arrayBuffer()),
      digest: res.headers.get("docker-content-digest"),
    };
  };

  for (const helm of helms) {
    describe(`helm ${helm.major}`, () => {
      it("wheelhouse push makes the manifest and config helm push makes, byte for byte", async () => {
        await run(
          helm.path,
          ["push", archive, `oci://${reg.host}/by-helm${helm.major}`, "--plain-http"],
          { env },
        );
        const ours = await runCli(
          ["push", archive, `oci://${reg.host}/by-wheelhouse`, "--plain-http"],
          { env },
        );
        expect(ours.stderr).toMatch(/^Pushed: .*rich:1\.2\.3_meta\.7\n/);
        const theirs = await manifest(`by-helm${helm.major}/rich`, "1.2.3_meta.7");
        const mine = await manifest("by-wheelhouse/rich", "1.2.3_meta.7");
        expect(JSON.parse(mine.bytes.toString())).toEqual(JSON.parse(theirs.bytes.toString()));
        expect(mine.bytes.toString()).toBe(theirs.bytes.toString());
        expect(mine.digest).toBe(theirs.digest);
        expect(ours.stderr).toContain(`Digest: ${theirs.digest}`);
      });

      it("helm push → wheelhouse template and install oci://", async () => {
        const chartDir = await writeChart(goChart("fromhelm", "0.4.0"), "fromhelm");
        await run(helm.path, ["package", chartDir, "-d", dir], { env });
        await run(
          helm.path,
          [
            "push",
            join(dir, "fromhelm-0.4.0.tgz"),
            `oci://${reg.host}/h${helm.major}`,
            "--plain-http",
          ],
          { env },
        );
        const ref = `oci://${reg.host}/h${helm.major}/fromhelm`;
        const templated = await runCli(
          ["template", "t", ref, "--plain-http", "--version", "^0.4"],
          { env },
        );
        expect(templated.stderr).toMatch(PULLED);
        const helmTemplate = await run(
          helm.path,
          ["template", "t", ref, "--plain-http", "--version", "^0.4"],
          { env },
        );
        expect(templated.stdout).toBe(helmTemplate.stdout);
        expect(templated.stderr).toBe(helmTemplate.stderr);
        const ns = `oci-h${helm.major}`;
        const installed = await runCli(
          ["install", "from-helm", ref, "--plain-http", "-n", ns, "--create-namespace"],
          { env },
        );
        expect(installed.stderr).toMatch(PULLED);
        expect(installed.code).toBe(0);
        const listed = await run(helm.path, ["list", "-n", ns, "-o", "json"], { env });
        expect(JSON.parse(listed.stdout)).toMatchObject([
          { name: "from-helm", chart: "fromhelm-0.4.0" },
        ]);
      });

      it("wheelhouse push → helm pull, template and install", async () => {
        const chartDir = await writeChart(goChart("fromwh", "0.5.0"), "fromwh");
        await runCli(["package", chartDir, "-d", dir], { env });
        const pushed = await runCli(
          [
            "push",
            join(dir, "fromwh-0.5.0.tgz"),
            `oci://${reg.host}/w${helm.major}`,
            "--plain-http",
          ],
          { env },
        );
        expect(pushed.code).toBe(0);
        const ref = `oci://${reg.host}/w${helm.major}/fromwh`;
        const dest = join(dir, `pulled-${helm.major}`);
        mkdirSync(dest);
        await run(helm.path, ["pull", ref, "--plain-http", "-d", dest], { env });
        expect(readdirSync(dest)).toEqual(["fromwh-0.5.0.tgz"]);
        expect(readFileSync(join(dest, "fromwh-0.5.0.tgz"))).toEqual(
          readFileSync(join(dir, "fromwh-0.5.0.tgz")),
        );
        const templated = await run(helm.path, ["template", "t", ref, "--plain-http"], { env });
        expect(templated.stdout).toContain("name: t-cm");
        const ns = `oci-w${helm.major}`;
        await run(
          helm.path,
          ["install", "from-wh", ref, "--plain-http", "-n", ns, "--create-namespace"],
          { env },
        );
        const status = await runCli(["status", "from-wh", "-n", ns, "-o", "json"], { env });
        expect(JSON.parse(status.stdout)).toMatchObject({
          name: "from-wh",
          chart: { metadata: { name: "fromwh", version: "0.5.0" } },
        });
      });
    });
  }
});

describe.skipIf(!registryAvailable || helms.length === 0)(
  "OCI credentials shared with real helm",
  () => {
    let reg: RegistryFixture;
    let dir: string;

    beforeAll(async () => {
      reg = await startRegistry({ tls: true });
      dir = await ociTemp("wh-oci-login-");
    });
    afterAll(() => reg.close());

    for (const helm of helms) {
      it(`helm ${helm.major} registry login → wheelhouse pushes and pulls without logging in; wheelhouse login → helm pulls`, async () => {
        const env = {
          PATH: process.env.PATH,
          HOME: dir,
          HELM_CONFIG_HOME: join(dir, "helm-config"),
          HELM_CACHE_HOME: join(dir, "helm-cache"),
          HELM_REGISTRY_CONFIG: join(dir, `registry-${helm.major}.json`),
        };
        const ca = ["--ca-file", reg.caFile!];
        await run(
          helm.path,
          ["registry", "login", reg.host, "-u", "alice", "-p", "s3cret", ...ca],
          { env },
        );
        const chartDir = await writeChart(
          goChart(`cred${helm.major}`, "1.0.0"),
          `cred${helm.major}`,
        );
        await runCli(["package", chartDir, "-d", dir], { env });
        const pushed = await runCli(
          ["push", join(dir, `cred${helm.major}-1.0.0.tgz`), `oci://${reg.host}/c`, ...ca],
          { env },
        );
        expect(pushed.stderr).toMatch(/^Pushed: /);
        const shown = await runCli(
          ["show", "chart", `oci://${reg.host}/c/cred${helm.major}`, ...ca],
          { env },
        );
        expect(shown.stdout).toMatch(/^version: 1\.0\.0$/m);

        await run(helm.path, ["registry", "logout", reg.host], { env });
        // helm 3 (oras-go v1, containerd's resolver) speaks plain HTTP to any loopback registry
        // once it has credentials, so it cannot pull from this TLS registry at all; helm 4 can.
        if (helm.major === 3) return;
        const login = await runCli(
          ["registry", "login", reg.host, "-u", "alice", "--password-stdin", ...ca],
          { env, stdin: "s3cret\n" },
        );
        expect(login.stderr).toBe("Login Succeeded\n");
        const dest = join(dir, `helm-pull-${helm.major}`);
        mkdirSync(dest);
        await run(helm.path, ["pull", `oci://${reg.host}/c/cred${helm.major}`, ...ca, "-d", dest], {
          env,
        });
        expect(readdirSync(dest)).toEqual([`cred${helm.major}-1.0.0.tgz`]);
      });
    }
  },
);
