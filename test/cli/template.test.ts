import { describe, expect, it } from "vitest";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { manifestDocuments } from "../../src/engine/manifest/yaml.js";
import { runCli } from "../support/cli.js";
import { chartYaml, simpleChart, writeChart } from "../support/charts.js";

const webapp = resolve("demo/charts/webapp");

describe("wheelhouse template", () => {
  it("renders the demo chart with its subchart into sorted documents with Source headers", async () => {
    const { code, stdout, stderr } = await runCli(["template", "shop", webapp, "-n", "prod"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const docs = manifestDocuments(stdout).map(
      (d) => d.value as { kind: string; metadata: { name: string } },
    );
    expect(docs.map((d) => d.kind)).toEqual([
      "Secret",
      "ConfigMap",
      "Service",
      "Service",
      "Deployment",
      "StatefulSet",
    ]);
    expect(stdout).toContain("# Source: webapp/charts/cache/templates/statefulset.yaml");
    expect(docs.find((d) => d.kind === "Deployment")?.metadata.name).toBe("shop-webapp");
  });

  it("applies -f files in order and --set over them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wh-vals-"));
    await writeFile(join(dir, "a.yaml"), "replicaCount: 3\nimage:\n  tag: a\n");
    await writeFile(join(dir, "b.yaml"), "image:\n  tag: b\n");
    const { code, stdout } = await runCli(
      [
        "template",
        "shop",
        webapp,
        "-f",
        "a.yaml",
        "-f",
        "b.yaml",
        "--set",
        "service.port=9090",
        "-s",
        "templates/deployment.yaml",
        "-s",
        "templates/service.yaml",
      ],
      { cwd: dir },
    );
    expect(code).toBe(0);
    expect(stdout).toContain("replicas: 3");
    expect(stdout).toContain('image: "ghcr.io/example/webapp:b"');
    expect(stdout).toContain("port: 9090");
    expect(stdout).not.toContain("kind: ConfigMap");
  });

  it("takes JSON values with --set-json, under --set", async () => {
    const { code, stdout, stderr } = await runCli([
      "template",
      "shop",
      webapp,
      "--set-json",
      'resources={"limits":{"cpu":"2","memory":"1Gi"}}',
      "--set",
      "resources.limits.memory=512Mi",
      "-s",
      "templates/deployment.yaml",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/limits:\n\s+cpu: "?2"?\n\s+memory: 512Mi/);
  });

  it("switches a subchart off through its condition", async () => {
    const { stdout } = await runCli(["template", "shop", webapp, "--set", "cache.enabled=false"]);
    expect(stdout).not.toContain("StatefulSet");
  });

  it("reports every schema violation at once, without a stack trace", async () => {
    const { code, stderr } = await runCli([
      "template",
      "shop",
      webapp,
      "--set",
      "replicaCount=many",
      "--set",
      "service.port=99999",
      "--set-string",
      "image.pullPolicy=Sometimes",
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/replicaCount/);
    expect(stderr).toMatch(/service\.port/);
    expect(stderr).toMatch(/image\.pullPolicy/);
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("names chart, file and line when a template fails", async () => {
    const { code, stderr } = await runCli(["template", "shop", webapp, "--set", "secret.apiKey="]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /Error: chart webapp, templates\/secret\.yaml:\d+: secret\.apiKey is required/,
    );
  });

  it("refuses an invalid release name with the rule", async () => {
    const { code, stderr } = await runCli(["template", "Bad_Name", webapp]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Bad_Name/);
  });

  it("says which dependency is missing", async () => {
    const dir = await writeChart(
      simpleChart({
        "Chart.yaml": chartYaml(
          "demo",
          "dependencies:\n  - name: redis\n    version: ^17.0.0\n    repository: https://charts.example\n",
        ),
      }),
    );
    const { code, stderr } = await runCli(["template", dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/missing dependencies: redis/);
  });
});

describe("wheelhouse lint", () => {
  it("passes the demo chart with only informational messages", async () => {
    const { code, stdout } = await runCli(["lint", webapp]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\[INFO\] Chart\.yaml: icon is recommended/);
    expect(stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  it("fails a chart that renders an invalid object name and names the template", async () => {
    const dir = await writeChart(
      simpleChart({
        "templates/bad.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\n",
      }),
    );
    const { code, stdout } = await runCli(["lint", dir]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /\[ERROR\] templates\/bad\.yaml: ConfigMap name "Not_Valid" is not a valid Kubernetes name/,
    );
    expect(stdout).toMatch(/1 chart\(s\) linted, 1 chart\(s\) failed/);
  });
});

describe("wheelhouse package", () => {
  it("writes name-version.tgz that loads back and renders the same", async () => {
    const dest = await mkdtemp(join(tmpdir(), "wh-pkg-"));
    const { code, stdout } = await runCli(["package", webapp, "-d", dest, "--version", "1.3.0"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Successfully packaged chart and saved it to: .*webapp-1\.3\.0\.tgz/);
    expect(await readdir(dest)).toEqual(["webapp-1.3.0.tgz"]);
    const fromDir = await runCli(["template", "shop", webapp]);
    const fromArchive = await runCli(["template", "shop", join(dest, "webapp-1.3.0.tgz")]);
    expect(fromArchive.stdout).toBe(fromDir.stdout.replace(/webapp-1\.2\.0/g, "webapp-1.3.0"));
  });
});
