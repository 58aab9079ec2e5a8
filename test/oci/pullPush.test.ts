import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { PULLED, packagedChart, ociTemp } from "../support/ociCharts.js";
import { registryAvailable, startRegistry, type RegistryFixture } from "../support/registry.js";

describe.skipIf(!registryAvailable)("oci:// charts in a real registry (plain HTTP)", () => {
  let reg: RegistryFixture;
  let home: string;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[]) => runCli([...args, "--plain-http"], { env, cwd: home });

  beforeAll(async () => {
    reg = await startRegistry();
    home = await ociTemp("wh-oci-home-");
    env = { PATH: process.env.PATH, HOME: home };
    for (const version of ["0.1.0", "0.2.0", "0.3.0-rc.1", "1.0.0+build.5"]) {
      const pushed = await cli([
        "push",
        await packagedChart("demo", version),
        `oci://${reg.host}/charts`,
      ]);
      expect(pushed.stderr).toMatch(
        /^Pushed: 127\.0\.0\.1:\d+\/charts\/demo:\S+\nDigest: sha256:[a-f0-9]{64}\n$/,
      );
      expect(pushed.code).toBe(0);
    }
  });
  afterAll(() => reg.close());

  it("pushes with + as _ in the tag, as helm does", async () => {
    const res = await fetch(`http://${reg.host}/v2/charts/demo/tags/list`);
    expect(((await res.json()) as { tags: string[] }).tags.sort()).toEqual(
      ["0.1.0", "0.2.0", "0.3.0-rc.1", "1.0.0_build.5"].sort(),
    );
  });

  it("resolves --version as helm: newest stable, a range against the tags, an exact version, --devel", async () => {
    const version = async (...flags: string[]) => {
      const out = await cli(["show", "chart", `oci://${reg.host}/charts/demo`, ...flags]);
      expect(out.stderr).toMatch(PULLED);
      return /^version: (.*)$/m.exec(out.stdout)?.[1];
    };
    expect(await version()).toBe("1.0.0+build.5");
    expect(await version("--version", "^0.1")).toBe("0.1.0");
    expect(await version("--version", "<1.0.0")).toBe("0.2.0");
    expect(await version("--version", "0.2.0")).toBe("0.2.0");
    expect(await version("--version", "1.0.0+build.5")).toBe("1.0.0+build.5");
    expect(await version("--version", ">0.2.0-0 <1.0.0")).toBe("0.3.0-rc.1");
    expect(await version("--version", "<1.0.0", "--devel")).toBe("0.2.0");
  });

  it("a tag in the reference, and a digest, name one chart", async () => {
    const tagged = await cli(["show", "chart", `oci://${reg.host}/charts/demo:0.1.0`]);
    expect(tagged.stdout).toMatch(/^version: 0\.1\.0$/m);
    const pulled = await cli([
      "pull",
      `oci://${reg.host}/charts/demo`,
      "--version",
      "0.2.0",
      "-d",
      home,
    ]);
    const digest = /Digest: (sha256:[a-f0-9]{64})/.exec(pulled.stderr)![1]!;
    const byDigest = await cli(["show", "chart", `oci://${reg.host}/charts/demo@${digest}`]);
    expect(byDigest.stdout).toMatch(/^version: 0\.2\.0$/m);
    const mismatch = await cli([
      "show",
      "chart",
      `oci://${reg.host}/charts/demo:0.1.0`,
      "--version",
      "0.2.0",
    ]);
    expect(mismatch.stderr).toMatch(/names tag 0\.1\.0, but --version asks for 0\.2\.0/);
  });

  it("pull writes NAME-VERSION.tgz, or unpacks with --untar, and says what it pulled", async () => {
    const dest = await ociTemp("wh-oci-pull-");
    const res = await cli([
      "pull",
      `oci://${reg.host}/charts/demo`,
      "--version",
      "~0.1",
      "-d",
      dest,
    ]);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(
      new RegExp(`^Pulled: ${reg.host}/charts/demo:0.1.0\\nDigest: sha256:`),
    );
    expect(readdirSync(dest)).toEqual(["demo-0.1.0.tgz"]);
    const untar = await cli(["pull", `oci://${reg.host}/charts/demo`, "--untar", "-d", dest]);
    expect(untar.code).toBe(0);
    expect(readFileSync(join(dest, "demo", "Chart.yaml"), "utf8")).toMatch(
      /version: 1\.0\.0\+build\.5/,
    );
  });

  it("template renders an oci:// chart", async () => {
    const res = await cli([
      "template",
      "web",
      `oci://${reg.host}/charts/demo`,
      "--version",
      "0.2.0",
    ]);
    expect(res.stderr).toMatch(PULLED);
    expect(res.stdout).toContain("name: web-cm");
    expect(res.stdout).toContain('version: "0.2.0"');
  });

  it("show values and readme read the pulled chart", async () => {
    expect((await cli(["show", "values", `oci://${reg.host}/charts/demo`])).stdout).toBe(
      "greeting: hello\n",
    );
    expect((await cli(["show", "readme", `oci://${reg.host}/charts/demo`])).stdout).toBe(
      "# demo\n",
    );
  });

  it("keeps pulled charts by digest in the cache; a digest reference needs no registry", async () => {
    const own = await startRegistry();
    const ownEnv = { ...env, XDG_CACHE_HOME: join(home, "own-cache") };
    const run = (args: string[]) => runCli([...args, "--plain-http"], { env: ownEnv, cwd: home });
    await run(["push", await packagedChart("solo", "2.0.0"), `oci://${own.host}/x`]);
    const pulled = await run(["pull", `oci://${own.host}/x/solo`, "-d", home]);
    const digest = /Digest: (sha256:[a-f0-9]{64})/.exec(pulled.stderr)![1]!;
    const blobs = readdirSync(join(home, "own-cache", "wheelhouse", "registry", "blobs", "sha256"));
    expect(blobs).toContain(digest.slice("sha256:".length));
    await own.close();
    const offline = await run(["show", "chart", `oci://${own.host}/x/solo@${digest}`]);
    expect(offline.stderr).toMatch(PULLED);
    expect(offline.stdout).toMatch(/^name: solo$/m);
    expect(blobs.every((f) => !f.endsWith(".tmp"))).toBe(true);
  });
});
