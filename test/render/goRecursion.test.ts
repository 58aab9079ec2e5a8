import { describe, expect, it } from "vitest";
import { renderRelease } from "../../src/engine/actions/template.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import { writeChart } from "../support/charts.js";

const release = { name: "r", namespace: "ns", revision: 1, isInstall: true, isUpgrade: false };

async function render(files: Record<string, string>) {
  const dir = await writeChart(
    { "Chart.yaml": "apiVersion: v2\nname: rec\nversion: 0.1.0\n", ...files },
    "rec",
  );
  return renderRelease({ chart: await loadChart(dir), userValues: {}, release });
}

async function failure(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected the render to fail");
}

describe("templates that recurse", () => {
  it("follow an include chain to helm's limit of 1000 and fail with helm's error", async () => {
    const message = await failure(() =>
      render({
        "templates/_h.tpl": '{{- define "r" }}{{ include "r" . }}{{ end }}',
        "templates/x.yaml": 'a: {{ include "r" . }}\n',
      }),
    );
    expect(message).toMatch(/^template: rec\/templates\/x\.yaml:1:6: executing/);
    // 1001 nested calls, deeper than the main thread's stack: the render reached them on a worker.
    expect(message.match(/error calling include/g)).toHaveLength(1002);
    expect(message).toMatch(
      /error calling include: rendering template has a nested reference name: r: unable to execute template$/,
    );
  });

  it("render a bounded recursion deeper than the main thread's stack", async () => {
    const out = await render({
      "templates/_h.tpl":
        '{{- define "count" }}{{ if gt (int .) 0 }}{{ include "count" (sub (int .) 1) }}{{ else }}done{{ end }}{{ end }}',
      "templates/x.yaml": 'a: {{ include "count" 990 }}\n',
    });
    expect(out.manifest).toContain("a: done");
  });

  it("stop a value that feeds itself to tpl, where helm crashes", async () => {
    const message = await failure(() =>
      render({
        "values.yaml": 'x: "{{ tpl .Values.x . }}"\n',
        "templates/a.yaml": "a: {{ tpl .Values.x . }}\n",
      }),
    );
    expect(message).toMatch(/tpl calls are nested more than 1000 deep/);
  });
});
