import { describe, expect, it } from "vitest";
import { splitManifest } from "./splitManifest.js";
import { assembleManifest, sortManifests } from "./sortManifests.js";

const doc = (kind: string, name: string, extra = "") =>
  `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${extra}`;

describe("splitManifest", () => {
  it("splits only where --- starts a line and drops empty documents", () => {
    expect(splitManifest("\n---\na: ---\n---   \nb: 1\n---\n\n")).toEqual(["a: ---", "b: 1"]);
  });

  it("agrees with helm's regular expression on streams of separators, text and whitespace", () => {
    // Helm's pattern, with Go's \s; a consumed newline cannot start the next separator.
    const helm = (text: string) =>
      text
        .trim()
        .split(/(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/)
        .map((doc) => doc.trim())
        .filter((doc) => doc.length > 0 && !doc.split("\n").every(isBlankOrComment));
    const isBlankOrComment = (line: string) => line.trim() === "" || line.trim().startsWith("#");
    const pieces = ["---", "\n", " ", "\t", "a: 1", "--", "#c", "x", "\r\n", "----"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % pieces.length;
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: 1 + (n % 12) }, () => pieces[next()]).join("");
      expect(splitManifest(text), JSON.stringify(text)).toEqual(helm(text));
    }
  });
});

describe("sortManifests", () => {
  it("orders documents by Helm's install order, unknown kinds last and alphabetical", () => {
    const files = new Map([
      [
        "c/templates/a.yaml",
        `${doc("Deployment", "d")}---\n${doc("Widget", "w")}---\n${doc("Gadget", "g")}`,
      ],
      [
        "c/templates/b.yaml",
        `${doc("Service", "s")}---\n${doc("Namespace", "n")}---\n${doc("ConfigMap", "cm")}`,
      ],
    ]);
    const kinds = sortManifests(files).manifests.map((m) => m.kind);
    expect(kinds).toEqual(["Namespace", "ConfigMap", "Service", "Deployment", "Gadget", "Widget"]);
  });

  it("keeps file-path then document order for equal kinds, subcharts before templates", () => {
    const files = new Map([
      ["p/templates/b.yaml", doc("ConfigMap", "b1")],
      ["p/charts/s/templates/z.yaml", doc("ConfigMap", "s1")],
      ["p/templates/a.yaml", `${doc("ConfigMap", "a1")}---\n${doc("ConfigMap", "a2")}`],
    ]);
    expect(sortManifests(files).manifests.map((m) => m.name)).toEqual(["s1", "a1", "a2", "b1"]);
  });

  it("pulls hooks out with their events, weight and policies", () => {
    const hook = doc(
      "Job",
      "migrate",
      'metadata:\n  name: migrate\n  annotations:\n    helm.sh/hook: "pre-upgrade, Pre-Install"\n    helm.sh/hook-weight: "-5"\n    helm.sh/hook-delete-policy: hook-succeeded\n',
    ).replace("metadata:\n  name: migrate\nmetadata:", "metadata:");
    const files = new Map([
      ["c/templates/job.yaml", hook],
      ["c/templates/cm.yaml", doc("ConfigMap", "cm")],
    ]);
    const sorted = sortManifests(files);
    expect(sorted.manifests.map((m) => m.name)).toEqual(["cm"]);
    expect(sorted.hooks).toEqual([
      expect.objectContaining({
        name: "migrate",
        kind: "Job",
        path: "c/templates/job.yaml",
        events: ["pre-upgrade", "pre-install"],
        weight: -5,
        delete_policies: ["hook-succeeded"],
      }),
    ]);
  });

  it("drops a hook that names an unknown event, as Helm does", () => {
    const files = new Map([
      [
        "c/templates/crd.yaml",
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    helm.sh/hook: crd-install\n`,
      ],
    ]);
    const sorted = sortManifests(files);
    expect(sorted.manifests).toEqual([]);
    expect(sorted.hooks).toEqual([]);
  });

  it("names chart, file and line of a document without kind", () => {
    const files = new Map([
      [
        "c/templates/x.yaml",
        `${doc("ConfigMap", "ok")}\n---\napiVersion: v1\nmetadata:\n  name: y\n`,
      ],
    ]);
    expect(() => sortManifests(files)).toThrow(
      /chart c, templates\/x\.yaml:7: rendered document has no kind/,
    );
  });

  it("names the line of YAML that does not parse", () => {
    const files = new Map([
      [
        "c/templates/x.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: [unclosed\n",
      ],
    ]);
    expect(() => sortManifests(files)).toThrow(
      /chart c, templates\/x\.yaml:\d+: rendered YAML does not parse/,
    );
  });
});

describe("assembleManifest", () => {
  it("writes Helm's ---/# Source: layout", () => {
    const { manifests } = sortManifests(
      new Map([["c/templates/a.yaml", `${doc("ConfigMap", "a")}---\n${doc("ConfigMap", "b")}`]]),
    );
    expect(assembleManifest(manifests)).toBe(
      `---\n# Source: c/templates/a.yaml\n${doc("ConfigMap", "a").trim()}\n---\n# Source: c/templates/a.yaml\n${doc("ConfigMap", "b").trim()}\n`,
    );
  });
});
