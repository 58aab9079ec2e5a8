/**
 * Chart.yaml dependencies from an OCI registry, as every bitnami chart has them: a real registry
 * (docker-registry) seeded by real helm with bitnami's `common` (test/fixtures/bitnami, from
 * github:bitnami/charts), and bitnami's memcached pointed at it. wheelhouse resolves, locks and
 * fetches; helm must agree with the Chart.lock it writes and render the same chart.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findHelm } from "../../src/cli/demo/helmBinary.js";
import { runCli } from "../support/cli.js";
import { registryAvailable, startRegistry, type RegistryFixture } from "../support/registry.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/bitnami");
const helm = findHelm(4);

describe.skipIf(!registryAvailable || !helm)(
  "oci:// dependencies (bitnami memcached → common)",
  () => {
    let reg: RegistryFixture;
    let home: string;
    let env: NodeJS.ProcessEnv;
    let repository: string;
    const pushed = new Map<string, Buffer>();

    const helmRun = (args: string[], cwd = home) =>
      execFileSync(helm!, args, { env, cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const cli = (args: string[]) => runCli(args, { env, cwd: home });

    /** bitnami's common at `version` (the fixture with its version changed), packaged and pushed by helm. */
    function pushCommon(version: string): void {
      const src = join(home, `common-src-${version}`);
      cpSync(join(FIXTURES, "common"), join(src, "common"), { recursive: true });
      const chartYaml = join(src, "common", "Chart.yaml");
      writeFileSync(
        chartYaml,
        readFileSync(chartYaml, "utf8").replace(/^version: .*$/m, `version: ${version}`),
      );
      helmRun(["package", join(src, "common"), "-d", src]);
      const archive = join(src, `common-${version}.tgz`);
      helmRun(["push", archive, repository, "--plain-http"]);
      pushed.set(version, readFileSync(archive));
    }

    /** A copy of bitnami's memcached whose dependency points at the test registry. */
    function memcached(): string {
      const dir = mkdtempSync(join(home, "memcached-"));
      cpSync(join(FIXTURES, "memcached"), dir, { recursive: true });
      rmSync(join(dir, "Chart.lock"));
      const chartYaml = join(dir, "Chart.yaml");
      writeFileSync(
        chartYaml,
        readFileSync(chartYaml, "utf8").replaceAll(
          "oci://registry-1.docker.io/bitnamicharts",
          repository,
        ),
      );
      return dir;
    }

    beforeAll(async () => {
      reg = await startRegistry();
      home = mkdtempSync(join(tmpdir(), "wh-oci-deps-"));
      env = {
        PATH: process.env.PATH,
        HOME: home,
        HELM_REGISTRY_CONFIG: join(home, "registry.json"),
        HELM_CACHE_HOME: join(home, "helm-cache"),
        HELM_CONFIG_HOME: join(home, "helm-config"),
        HELM_DATA_HOME: join(home, "helm-data"),
        XDG_CACHE_HOME: join(home, "cache"),
      };
      repository = `oci://${reg.host}/bitnamicharts`;
      // memcached asks for 2.x.x: the newest 2.x is the one to lock, not 3.0.0 nor a pre-release.
      for (const v of ["2.30.0", "2.31.10", "2.32.0-rc.1", "3.0.0"]) pushCommon(v);
    }, 120_000);
    afterAll(async () => {
      await reg?.close();
      if (home) rmSync(home, { recursive: true, force: true });
    });

    it("dependency update resolves 2.x.x against the tags, locks it as helm does, and fetches the pushed bytes", async () => {
      const ours = memcached();
      const res = await cli(["dependency", "update", ours, "--plain-http"]);
      expect(res.stderr).toBe("");
      expect(res.stdout).toContain(`Downloading common 2.31.10 from ${repository}`);
      expect(readFileSync(join(ours, "charts", "common-2.31.10.tgz"))).toEqual(
        pushed.get("2.31.10"),
      );

      const theirs = memcached();
      helmRun(["dependency", "update", theirs, "--plain-http"]);
      const lock = (dir: string) =>
        readFileSync(join(dir, "Chart.lock"), "utf8").replace(/^generated: .*$/m, "generated: X");
      expect(lock(ours)).toBe(lock(theirs));
      expect(lock(ours)).toContain(`repository: ${repository}\n  version: 2.31.10\n`);
    });

    it("dependency build fetches the locked version, and the chart renders as helm renders it", async () => {
      const dir = memcached();
      // The lock pins 2.30.0: build must fetch exactly that tag, not the newest.
      expect((await cli(["dependency", "update", dir, "--plain-http"])).code).toBe(0);
      const lockFile = join(dir, "Chart.lock");
      const lock = readFileSync(lockFile, "utf8");
      rmSync(join(dir, "charts"), { recursive: true });
      const built = await cli(["dependency", "build", dir, "--plain-http"]);
      expect(built.stderr).toBe("");
      expect(readdirSync(join(dir, "charts"))).toEqual(["common-2.31.10.tgz"]);
      expect(readFileSync(lockFile, "utf8")).toBe(lock);

      const listed = await cli(["dependency", "list", dir]);
      expect(listed.stdout).toMatch(/^common\s+2\.x\.x\s+oci:\/\/\S+\s+ok\s*$/m);

      const ourRender = await cli(["template", "cache", dir, "-n", "ns"]);
      expect(ourRender.stderr).toBe("");
      expect(ourRender.stdout).toBe(helmRun(["template", "cache", dir, "-n", "ns"]));
    });

    it("a lock pinned to an older version is built from that tag; an edited lock is refused", async () => {
      const dir = memcached();
      const chartYaml = join(dir, "Chart.yaml");
      writeFileSync(
        chartYaml,
        readFileSync(chartYaml, "utf8").replace("version: 2.x.x", "version: ~2.30.0"),
      );
      expect((await cli(["dependency", "update", dir, "--plain-http"])).code).toBe(0);
      rmSync(join(dir, "charts"), { recursive: true });
      expect((await cli(["dependency", "build", dir, "--plain-http"])).stderr).toBe("");
      expect(readFileSync(join(dir, "charts", "common-2.30.0.tgz"))).toEqual(pushed.get("2.30.0"));

      // The digest covers Chart.yaml and the lock, so helm refuses an edited lock too.
      const lockFile = join(dir, "Chart.lock");
      writeFileSync(
        lockFile,
        readFileSync(lockFile, "utf8").replace("version: 2.30.0", "version: 2.31.10"),
      );
      const refused = await cli(["dependency", "build", dir, "--plain-http"]);
      expect(refused.stderr).toMatch(/^Error: Chart\.lock is out of sync/);
      expect(readdirSync(join(dir, "charts"))).toEqual(["common-2.30.0.tgz"]);
    });

    it("no tag in the range: one line naming the registry repository and the newest version", async () => {
      const dir = memcached();
      const chartYaml = join(dir, "Chart.yaml");
      writeFileSync(
        chartYaml,
        readFileSync(chartYaml, "utf8").replace("version: 2.x.x", "version: 4.x.x"),
      );
      const res = await cli(["dependency", "update", dir, "--plain-http"]);
      expect(res.code).toBe(1);
      expect(res.stderr.split("\n")[0]).toBe(
        `Error: common: no version in ${repository}/common satisfies 4.x.x (newest: 3.0.0)`,
      );
      expect(existsSync(join(dir, "Chart.lock"))).toBe(false);
      expect(existsSync(join(dir, "charts", "common-3.0.0.tgz"))).toBe(false);
    });

    it("an exact version that is not pushed: the missing tag is named, nothing is written", async () => {
      const dir = memcached();
      const chartYaml = join(dir, "Chart.yaml");
      writeFileSync(
        chartYaml,
        readFileSync(chartYaml, "utf8").replace("version: 2.x.x", "version: 2.31.9"),
      );
      const res = await cli(["dependency", "update", dir, "--plain-http"]);
      expect(res.code).toBe(1);
      expect(res.stderr.split("\n")[0]).toMatch(/^Error: common 2\.31\.9: .*has no tag 2\.31\.9/);
      expect(existsSync(join(dir, "Chart.lock"))).toBe(false);
    });

    it("a registry that does not answer: the host is named", async () => {
      const dir = memcached();
      const chartYaml = join(dir, "Chart.yaml");
      writeFileSync(chartYaml, readFileSync(chartYaml, "utf8").replaceAll(reg.host, "127.0.0.1:9"));
      const res = await cli(["dependency", "update", dir, "--plain-http"]);
      expect(res.code).toBe(1);
      expect(res.stderr.split("\n")[0]).toMatch(
        /^Error: common: could not list the tags of oci:\/\/127\.0\.0\.1:9\/bitnamicharts\/common: .*127\.0\.0\.1:9/,
      );
      expect(res.stderr).not.toMatch(/^\s+at /m);
    });
  },
);
