import { mkdtemp, writeFile, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  chartEntries,
  chartYaml,
  simpleChart,
  tarball,
  writeChart,
} from "../../../test/support/charts.js";
import { loadChart, loadChartArchive } from "./loadChart.js";
import { chartArchive } from "./packageChart.js";
import { assertDependenciesPresent, dependencyProblems } from "./dependencies.js";

async function archiveFile(bytes: Buffer, name = "demo-0.1.0.tgz"): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "wh-tgz-")), name);
  await writeFile(path, bytes);
  return path;
}

describe("loading a chart directory", () => {
  it("splits templates, values, schema and other files the way Helm does", async () => {
    const dir = await writeChart(
      simpleChart({
        "README.md": "# demo\n",
        "values.schema.json": "{}",
        "crds/x.yaml": "kind: X\n",
      }),
    );
    const chart = await loadChart(dir);
    expect(chart.metadata).toMatchObject({ name: "demo", version: "0.1.0", appVersion: "1.0" });
    expect(chart.templates.map((t) => t.name)).toEqual(["templates/configmap.yaml"]);
    expect(chart.values).toEqual({ greeting: "hello" });
    expect(chart.schema?.toString()).toBe("{}");
    expect(chart.files.map((f) => f.name).sort()).toEqual(["README.md", "crds/x.yaml"]);
  });

  it("leaves out what .helmignore lists, and dotfiles in templates/", async () => {
    const dir = await writeChart(
      simpleChart({
        ".helmignore": "*.bak\nsecret/\n!keep.bak\n",
        "notes.bak": "x",
        "keep.bak": "y",
        "secret/key": "z",
        "templates/.editor.swp": "junk",
      }),
    );
    const chart = await loadChart(dir);
    const names = [...chart.files, ...chart.templates].map((f) => f.name).sort();
    expect(names).toEqual([".helmignore", "keep.bak", "templates/configmap.yaml"]);
  });

  it("loads subcharts from charts/ as folders and as .tgz archives", async () => {
    const sub = chartArchive(
      await loadChart(await writeChart(simpleChart({}, "packed"), "packed")),
    );
    const dir = await writeChart(simpleChart({ "charts/folder/Chart.yaml": chartYaml("folder") }));
    await writeFile(join(dir, "charts", "packed-0.1.0.tgz"), sub);
    const chart = await loadChart(dir);
    expect(chart.dependencies.map((d) => d.metadata.name).sort()).toEqual(["folder", "packed"]);
  });

  it("names the field and the rule when Chart.yaml is invalid", async () => {
    const dir = await writeChart(
      simpleChart({ "Chart.yaml": "apiVersion: v2\nname: demo\nversion: 1.0\n" }),
    );
    await expect(loadChart(dir)).rejects.toThrow(
      /Chart\.yaml.*version "1" is not a SemVer 2 version/,
    );
  });

  it("loads a helm 2 (apiVersion v1) chart with its dependencies in requirements.yaml", async () => {
    const dir = await writeChart({
      "Chart.yaml": "name: old\nversion: 1.0.0\n",
      "requirements.yaml": "dependencies:\n  - name: sub\n    version: 0.1.0\n    repository: ''\n",
      "requirements.lock":
        "dependencies:\n  - name: sub\n    version: 0.1.0\n    repository: ''\ndigest: sha256:0\n",
      "charts/sub/Chart.yaml": "apiVersion: v1\nname: sub\nversion: 0.1.0\n",
      "templates/cm.yaml": "x: 1\n",
    });
    const chart = await loadChart(dir);
    expect(chart.metadata.apiVersion).toBe("v1");
    expect(chart.metadata.dependencies?.map((d) => d.name)).toEqual(["sub"]);
    expect(chart.lock?.digest).toBe("sha256:0");
    // As helm's loader: a v1 chart keeps both files among its files.
    expect(chart.files.map((f) => f.name).sort()).toEqual([
      "requirements.lock",
      "requirements.yaml",
    ]);
    expect(() => assertDependenciesPresent(chart)).not.toThrow();
  });

  it("lists every Chart.yaml problem at once", async () => {
    const dir = await writeChart(simpleChart({ "Chart.yaml": "apiVersion: v3\ntype: plugin\n" }));
    const err = (await loadChart(dir).then(
      () => ({}),
      (e: unknown) => e,
    )) as { details?: string };
    expect(err.details).toMatch(/apiVersion "v3" is not supported/);
    expect(err.details).toMatch(/name is required/);
    expect(err.details).toMatch(/version is required/);
    expect(err.details).toMatch(/type "plugin" must be application or library/);
  });

  it("names values.yaml and the line of a YAML syntax error", async () => {
    const dir = await writeChart(simpleChart({ "values.yaml": "a: 1\nb: [unclosed\n" }));
    await expect(loadChart(dir)).rejects.toThrow(
      // helm 4.1.4's words (goyaml.v2's line).
      /^cannot load values\.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: did not find expected ',' or '\]'$/,
    );
  });

  it("follows symbolic links, as Helm does", async () => {
    const dir = await writeChart(simpleChart());
    await writeFile(join(dir, "..", "shared.txt"), "shared");
    await symlink(join(dir, "..", "shared.txt"), join(dir, "shared.txt"));
    const chart = await loadChart(dir);
    expect(chart.files.find((f) => f.name === "shared.txt")?.data.toString()).toBe("shared");
  });

  it("says when the path does not exist", async () => {
    await expect(loadChart("/nonexistent/chart")).rejects.toThrow(
      /\/nonexistent\/chart: no chart here/,
    );
  });
});

describe("loading a chart archive", () => {
  it("round-trips a packaged chart with its subcharts", async () => {
    const dir = await writeChart(
      simpleChart({ "charts/sub/Chart.yaml": chartYaml("sub"), "README.md": "r" }),
    );
    const chart = await loadChart(await archiveFile(chartArchive(await loadChart(dir))));
    expect(chart.templates.map((t) => t.name)).toEqual(["templates/configmap.yaml"]);
    expect(chart.dependencies.map((d) => d.metadata.name)).toEqual(["sub"]);
    expect(chart.files.map((f) => f.name)).toEqual(["README.md"]);
  });

  it.each([
    [
      "an absolute path",
      { path: "/etc/passwd", data: "x" },
      /entry "\/etc\/passwd" has an absolute path/,
    ],
    [
      "a .. segment",
      { path: "demo/../../evil", data: "x" },
      /entry "demo\/..\/..\/evil" refers to a parent directory/,
    ],
    [
      "a symbolic link",
      { path: "demo/link", type: "SymbolicLink", linkpath: "/etc/passwd" },
      /entry "demo\/link" is a link/,
    ],
    [
      "a hard link",
      { path: "demo/hard", type: "Link", linkpath: "demo/Chart.yaml" },
      /entry "demo\/hard" is a link/,
    ],
    [
      "a device",
      { path: "demo/dev", type: "CharacterDevice" },
      /entry "demo\/dev" is a CharacterDevice/,
    ],
    [
      "an empty segment after the chart folder, which makes the rest absolute",
      { path: "demo//abs/path", data: "x" },
      /entry "demo\/\/abs\/path" has an absolute path/,
    ],
    [
      "a second top-level folder",
      { path: "other/file", data: "x" },
      /more than one top-level folder \("demo" and "other"\)/,
    ],
    [
      "a file over 5 MiB",
      { path: "demo/big", data: "x".repeat(5 * 1024 * 1024 + 1) },
      /entry "demo\/big" is larger than 5 MiB/,
    ],
  ] as const)("rejects %s and names the entry", async (_what, entry, message) => {
    const bytes = tarball([...chartEntries(), entry]);
    await expect(loadChartArchive(bytes, "bad.tgz")).rejects.toThrow(message);
  });

  it("reads empty and . segments inside a path as helm's path.Clean does", async () => {
    const entries = chartEntries().map((e) => ({ ...e, path: e.path.replace("/", "/./") }));
    entries.push({ path: "demo/files//a.txt", data: "a" });
    const chart = await loadChartArchive(tarball(entries), "dots.tgz");
    expect(chart.templates.map((t) => t.name)).toEqual(["templates/configmap.yaml"]);
    expect(chart.files.map((f) => f.name)).toEqual(["files/a.txt"]);
  });

  it.each([
    [
      "a file, then a folder of the same name",
      ["demo/a", "demo/a/b"],
      /bad\.tgz: entry "demo\/a\/b" needs "a" to be a folder, but the archive has a file "demo\/a"/,
    ],
    [
      "a folder, then a file of the same name",
      ["demo/a/b", "demo/a"],
      /bad\.tgz: entry "demo\/a" is a file, but the archive has "demo\/a\/b" inside a folder of that name/,
    ],
    [
      "the same file twice",
      ["demo/templates/x.yaml", "demo/templates//x.yaml"],
      /bad\.tgz: entry "demo\/templates\/\/x\.yaml" is a second copy of "templates\/x\.yaml"/,
    ],
  ])("rejects %s, which no folder can hold", async (_what, paths, message) => {
    const entries = [...chartEntries(), ...paths.map((path) => ({ path, data: "x" }))];
    await expect(loadChartArchive(tarball(entries), "bad.tgz")).rejects.toThrow(message);
  });

  it("rejects subcharts nested more than 100 levels deep, naming where", async () => {
    const nested = (levels: number) => {
      const entries = [...chartEntries()];
      let folder = "demo";
      for (let i = 0; i < levels; i++) {
        folder += `/charts/s${i}`;
        entries.push({ path: `${folder}/Chart.yaml`, data: chartYaml(`s${i}`) });
      }
      return tarball(entries);
    };
    const ok = await loadChartArchive(nested(100), "deep.tgz");
    expect(ok.dependencies[0]?.metadata.name).toBe("s0");
    await expect(loadChartArchive(nested(101), "deep.tgz")).rejects.toThrow(
      /^deep\.tgz\/charts\/s0\/charts\/s1\/.*….*\/charts\/s100: subcharts nest more than 100 levels deep$/,
    );
  });

  it("rejects an entry more than 300 folders deep before reading on", async () => {
    const path = `demo/${"d/".repeat(301)}f`;
    await expect(
      loadChartArchive(tarball([...chartEntries(), { path, data: "x" }]), "deep.tgz"),
    ).rejects.toThrow(
      `(${path.length} characters) lies 301 folders deep in the chart, more than 300`,
    );
  });

  it("rejects an archive that unpacks to more than 50 MiB", async () => {
    const chunk = "y".repeat(4 * 1024 * 1024);
    const entries = Array.from({ length: 13 }, (_, i) => ({ path: `demo/f${i}`, data: chunk }));
    await expect(
      loadChartArchive(tarball([...chartEntries(), ...entries]), "huge.tgz"),
    ).rejects.toThrow(/huge\.tgz: unpacks to more than 50 MiB/);
  });

  it("rejects input that is not gzip", async () => {
    await expect(loadChartArchive(tarball(chartEntries(), false), "plain.tar")).rejects.toThrow(
      /plain\.tar: is not a gzip-compressed archive/,
    );
  });

  it("rejects a truncated archive without a stack trace", async () => {
    const bytes = tarball(chartEntries());
    await expect(loadChartArchive(bytes.subarray(0, bytes.length - 20), "cut.tgz")).rejects.toThrow(
      /cut\.tgz: /,
    );
  });

  it("rejects files at the archive root, outside a chart folder", async () => {
    await expect(
      loadChartArchive(tarball([{ path: "Chart.yaml", data: chartYaml() }]), "flat.tgz"),
    ).rejects.toThrow(/entry "Chart.yaml" is outside the chart's top-level folder/);
  });
});

describe("dependencies declared in Chart.yaml", () => {
  it("reports every missing dependency by name", async () => {
    const dir = await writeChart(
      simpleChart({
        "Chart.yaml": chartYaml(
          "demo",
          'dependencies:\n  - name: redis\n    version: "^17"\n    repository: https://charts.example\n  - name: pg\n    repository: ""\n',
        ),
      }),
    );
    const chart = await loadChart(dir);
    expect(() => assertDependenciesPresent(chart)).toThrow(/missing dependencies: redis, pg/);
  });

  it("reports a subchart whose version is outside the declared range, and renders it as helm does", async () => {
    const dir = await writeChart(
      simpleChart({
        "Chart.yaml": chartYaml(
          "demo",
          'dependencies:\n  - name: sub\n    version: "^2.0.0"\n    repository: ""\n',
        ),
        "charts/sub/Chart.yaml": chartYaml("sub"),
      }),
    );
    const chart = await loadChart(dir);
    expect(() => assertDependenciesPresent(chart)).not.toThrow();
    expect(dependencyProblems(chart).map((p) => p.detail)).toEqual([
      "sub: wants ^2.0.0, found 0.1.0 in charts/",
    ]);
  });
});
