import { describe, expect, it } from "vitest";
import { chartYaml, simpleChart, writeChart } from "../../../test/support/charts.js";
import { loadChart } from "../chart/loadChart.js";
import type { Values } from "../values/types.js";
import { renderChart, type RenderOptions } from "./renderChart.js";

const release: RenderOptions = {
  release: { name: "rel", namespace: "team-a", revision: 3, isInstall: false, isUpgrade: true },
};

async function render(files: Record<string, string>, values?: Values, options = release) {
  const chart = await loadChart(await writeChart(files));
  return renderChart(chart, values ?? chart.values, options);
}

function template(body: string): Record<string, string> {
  return simpleChart({ "templates/configmap.yaml": undefined, "templates/t.yaml": body });
}

describe("the template context", () => {
  it("exposes Release, Chart, Capabilities and Template with Helm's names", async () => {
    const out = await render(
      template(
        "r: {{Release.Name}}/{{Release.Namespace}}/{{Release.Revision}}/{{Release.IsUpgrade}}/{{Release.Service}}\n" +
          "c: {{Chart.Name}}-{{Chart.Version}}-{{Chart.AppVersion}}\n" +
          "k: {{Capabilities.KubeVersion.Major}}.{{Capabilities.KubeVersion.Minor}}\n" +
          "t: {{Template.Name}} {{Template.BasePath}}\n",
      ),
    );
    expect(out.files.get("demo/templates/t.yaml")).toBe(
      "r: rel/team-a/3/true/Helm\nc: demo-0.1.0-1.0\nk: 1.35\nt: demo/templates/t.yaml demo/templates\n",
    );
  });

  it("reads chart files with fileGet", async () => {
    const out = await render({
      ...template('x: {{quote (fileGet "conf/app.ini")}}\n'),
      "conf/app.ini": "a=1",
    });
    expect(out.files.get("demo/templates/t.yaml")).toBe('x: "a=1"\n');
  });

  it("does not HTML-escape values", async () => {
    const out = await render(template("x: {{Values.v}}\n"), { v: "<a & 'b'>" });
    expect(out.files.get("demo/templates/t.yaml")).toBe("x: <a & 'b'>\n");
  });

  it("refuses prototype access from templates", async () => {
    const out = await render(template("x: {{Values.constructor.name}}\n"), {});
    expect(out.files.get("demo/templates/t.yaml")).toBe("x: \n");
  });
});

describe("named templates", () => {
  it("defines in _*.hbs files and includes as a string that composes", async () => {
    const out = await render({
      ...template('labels:{{nindent 2 (include "demo.labels" this)}}\n'),
      "templates/_helpers.hbs":
        '{{#define "demo.labels"}}app: {{Release.Name}}\ntier: web{{/define}}',
    });
    expect(out.files.get("demo/templates/t.yaml")).toBe("labels:\n  app: rel\n  tier: web\n");
  });

  it("renders nothing for _*.hbs files themselves", async () => {
    const out = await render({
      ...simpleChart(),
      "templates/_helpers.hbs": '{{#define "x"}}y{{/define}}kind: Junk',
    });
    expect([...out.files.keys()]).toEqual(["demo/templates/configmap.yaml"]);
  });

  it("shares named templates between a chart and its subcharts", async () => {
    const out = await render({
      ...simpleChart(),
      "templates/_helpers.hbs": '{{#define "shared.name"}}from-parent-{{Chart.Name}}{{/define}}',
      "charts/sub/Chart.yaml": chartYaml("sub"),
      "charts/sub/templates/t.yaml": 'n: {{include "shared.name" this}}\n',
    });
    expect(out.files.get("demo/charts/sub/templates/t.yaml")).toBe("n: from-parent-sub\n");
  });

  it("names the file and line of an unknown named template", async () => {
    await expect(render(template('a: 1\nb: {{include "nope" this}}\n'))).rejects.toThrow(
      /chart demo, templates\/t\.yaml:2: include: no template named "nope"/,
    );
  });

  it("names the helpers file and line when a failure happens inside an included template", async () => {
    await expect(
      render({
        ...template('x: {{include "demo.need" this}}\n'),
        "templates/_helpers.hbs":
          '\n\n{{#define "demo.need"}}{{required "need.value is required" Values.need}}{{/define}}',
      }),
    ).rejects.toThrow(/chart demo, templates\/_helpers\.hbs:3: need\.value is required/);
  });
});

describe("errors", () => {
  it("names chart, file and line of a syntax error", async () => {
    await expect(render(template("a: 1\n{{#if Values.x}}\nb: 2\n"))).rejects.toThrow(
      /chart demo, templates\/t\.yaml:\d+: template syntax error/,
    );
  });

  it("names chart, file and line of a failed required", async () => {
    await expect(
      render(template('a: 1\n\nb: {{required "b is required" Values.b}}\n')),
    ).rejects.toThrow(/chart demo, templates\/t\.yaml:3: b is required/);
  });

  it("names an unknown helper with its line", async () => {
    await expect(render(template("a: {{toml Values}}\n"))).rejects.toThrow(
      /chart demo, templates\/t\.yaml:1: unknown helper "toml"/,
    );
  });

  it("refuses to render a library chart", async () => {
    await expect(
      render(simpleChart({ "Chart.yaml": chartYaml("demo", "type: library\n") })),
    ).rejects.toThrow(/library charts are not installable/);
  });

  it("refuses a chart whose kubeVersion excludes the cluster", async () => {
    await expect(
      render(simpleChart({ "Chart.yaml": chartYaml("demo", 'kubeVersion: ">=1.40.0"\n') })),
    ).rejects.toThrow(
      /chart requires kubeVersion: >=1.40.0 which is incompatible with Kubernetes v1.35.0/,
    );
  });
});

describe("subcharts", () => {
  it("render with their own section of the values, with globals", async () => {
    const out = await render(
      {
        ...simpleChart(),
        "charts/sub/Chart.yaml": chartYaml("sub"),
        "charts/sub/templates/t.yaml": "x: {{Values.x}} g: {{Values.global.g}}\n",
      },
      { greeting: "hi", sub: { x: "mine" }, global: { g: "shared" } },
    );
    expect(out.files.get("demo/charts/sub/templates/t.yaml")).toBe("x: mine g: shared\n");
  });

  it("library subcharts provide named templates but render nothing", async () => {
    const out = await render({
      ...template('x: {{include "lib.hello" this}}\n'),
      "charts/lib/Chart.yaml": chartYaml("lib", "type: library\n"),
      "charts/lib/templates/_lib.hbs": '{{#define "lib.hello"}}hello{{/define}}',
      "charts/lib/templates/cm.yaml": "kind: ShouldNotRender\n",
    });
    expect([...out.files.keys()]).toEqual(["demo/templates/t.yaml"]);
    expect(out.files.get("demo/templates/t.yaml")).toBe("x: hello\n");
  });
});

describe("NOTES.txt", () => {
  it("renders the top chart's notes separately from the manifests", async () => {
    const out = await render({
      ...simpleChart(),
      "templates/NOTES.txt": "Installed {{Release.Name}}.\n",
    });
    expect(out.notes).toBe("Installed rel.");
    expect([...out.files.keys()]).toEqual(["demo/templates/configmap.yaml"]);
  });
});

it("renders byte-identical output for the same input", async () => {
  const files = template("a: {{toYaml Values}}\n");
  const values = { z: 1, a: { y: [1, 2], b: "c" } };
  const first = await render(files, values);
  const second = await render(files, values);
  expect(first.files.get("demo/templates/t.yaml")).toBe(second.files.get("demo/templates/t.yaml"));
  expect(first.files.get("demo/templates/t.yaml")).toBe(
    "a: a:\n  b: c\n  y:\n    - 1\n    - 2\nz: 1\n",
  );
});
