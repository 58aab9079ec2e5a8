import { describe, expect, it } from "vitest";
import {
  DataYamlError,
  readDataYaml,
  readHelmValues,
  readManifestYaml,
  toDisplayYaml,
  writeDataYaml,
} from "../../src/engine/yaml/index.js";

describe("reading manifest YAML", () => {
  it("keeps timestamps as strings and resolves merge keys, as the API server would see them", () => {
    expect(readManifestYaml("when: 2024-01-01\nbase: &b {a: 1}\nuse:\n  <<: *b\n  c: 2\n")).toEqual(
      {
        when: "2024-01-01",
        base: { a: 1 },
        use: { a: 1, c: 2 },
      },
    );
  });
});

describe("reading data files (index.yaml, repositories.yaml)", () => {
  it("uses the core schema with merge keys; timestamps stay strings; the last repeated key wins", () => {
    expect(
      readDataYaml(
        "created: 2024-01-02T03:04:05Z\nflag: yes\nv: 1.10\nn: ~\nb: &b {x: 1}\nc:\n  <<: *b\n  y: 2\nk: 1\nk: 2\n",
      ),
    ).toEqual({
      created: "2024-01-02T03:04:05Z",
      flag: "yes",
      v: 1.1,
      n: null,
      b: { x: 1 },
      c: { x: 1, y: 2 },
      k: 2,
    });
    expect(readDataYaml("")).toBeNull();
    expect(readDataYaml("# only a comment\n")).toBeNull();
  });

  it("refuses a billion-laughs document and an alias to its own container", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]`);
    }
    expect(() => readDataYaml(levels.join("\n") + "\n")).toThrow(
      new DataYamlError("document contains excessive aliasing"),
    );
    expect(() => readDataYaml("a: &a\n  b: *a\n")).toThrow(DataYamlError);
  });

  it("reports a syntax error on one line, with where it is", () => {
    expect(() => readDataYaml("entries: [unclosed\n  - : :")).toThrow(DataYamlError);
    // One line (callers quote it after their own words), ending with line:column.
    expect(() => readDataYaml("a: [\n")).toThrow(/^[^\n]*\(\d+:\d+\)$/);
  });
});

describe("writing data files helm also writes", () => {
  it("writes a Chart.lock byte for byte as helm does (sigs.k8s.io/yaml)", () => {
    expect(
      writeDataYaml({
        generated: "2024-01-02T03:04:05.123456789Z",
        digest: "sha256:0b1c",
        dependencies: [
          { name: "redis", repository: "https://charts.example.com", version: "17.3.1" },
        ],
      }),
    ).toBe(
      "dependencies:\n" +
        "- name: redis\n" +
        "  repository: https://charts.example.com\n" +
        "  version: 17.3.1\n" +
        "digest: sha256:0b1c\n" +
        'generated: "2024-01-02T03:04:05.123456789Z"\n',
    );
  });

  it("leaves undefined fields out and quotes what YAML 1.1 would read as something else", () => {
    expect(writeDataYaml({ name: "x", home: undefined, keywords: ["yes", "1.0", "on"] })).toBe(
      'keywords:\n- "yes"\n- "1.0"\n- "on"\nname: x\n',
    );
  });
});

describe("writing YAML for people", () => {
  it("keeps key order, indents items under their key and does not fold long lines", () => {
    const long = "word ".repeat(30).trim();
    expect(
      toDisplayYaml(
        {
          replicaCount: 6,
          image: { tag: "1.10" },
          args: ["a", { b: long }],
          none: null,
        },
        "values",
      ),
    ).toBe(`replicaCount: 6\nimage:\n  tag: "1.10"\nargs:\n  - a\n  - b: ${long}\nnone: null\n`);
    expect(toDisplayYaml({}, "values")).toBe("{}\n");
  });

  it("writes text that reads back, as a values file, as the same values", () => {
    const values = {
      yes: "yes",
      on: "on",
      n: "n",
      version: "1.10",
      octal: "0777",
      underscored: "1_000",
      sexagesimal: "12:30",
      date: "2024-01-01",
      tilde: "~",
      empty: "",
      merge: "<<",
      multi: "line one\nline two\n",
      spaces: "  padded  ",
      hash: "# not a comment",
      colon: "a: b",
      numbers: [0, -1, 1.5, 1e21, 8080],
      flags: [true, false, null],
      nested: { list: [{ name: "x" }], empty: [] },
    };
    expect(readHelmValues(toDisplayYaml(values, "values"))).toEqual(values);
    // Written as a manifest, it reads back as one is read.
    const manifest = { ...values, on: "on ", yes: "true" };
    expect(readManifestYaml(toDisplayYaml(manifest, "manifest"))).toEqual(manifest);
  });

  it("quotes only what the reader of that kind of document would take for something else", () => {
    const object = {
      y: "yes",
      when: "2024-01-01",
      n: "1.0",
      hash: "a # b",
      quote: '"hi" she said',
    };
    expect(toDisplayYaml(object, "manifest")).toBe(
      'y: yes\nwhen: 2024-01-01\nn: "1.0"\nhash: "a # b"\nquote: \'"hi" she said\'\n',
    );
    expect(toDisplayYaml(object, "values")).toBe(
      '"y": "yes"\nwhen: "2024-01-01"\n"n": "1.0"\nhash: "a # b"\nquote: \'"hi" she said\'\n',
    );
  });
});
