import { describe, expect, it } from "vitest";
import { parseYaml } from "./yaml.js";

describe("parseYaml", () => {
  it("reads plain scalars with YAML 1.2's core schema", () => {
    const doc = parseYaml(
      "a: yes\nb: 2024-01-01\nc: 0b101\nd: -.5\ne: 0o10\nf: 0x1F\ng: 010\nh: ~\ni: True\nj: .inf",
    );
    expect(doc).toEqual({
      a: "yes",
      b: "2024-01-01",
      c: "0b101",
      d: -0.5,
      e: 8,
      f: 31,
      g: 10,
      h: null,
      i: true,
      j: Infinity,
    });
  });

  it("keeps `<<` as an ordinary key and reads an empty document as null", () => {
    expect(parseYaml("<<: {a: 1}\nb: 2")).toEqual({ "<<": { a: 1 }, b: 2 });
    expect(parseYaml("")).toBeNull();
    expect(parseYaml("# nothing\n")).toBeNull();
  });

  it("reads JSON, as clients send apply patches", () => {
    const json = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":"1"}}';
    expect(parseYaml(json)).toEqual(JSON.parse(json));
  });

  it("refuses several documents and duplicate keys", () => {
    expect(() => parseYaml("a: 1\n---\nb: 2")).toThrow();
    expect(() => parseYaml("a: 1\na: 2")).toThrow();
  });

  // A real API server (v1.19, sigs.k8s.io/yaml over go-yaml) answers the billion-laughs apply
  // patch with 400 "error decoding YAML: error converting YAML to JSON: yaml: document contains
  // excessive aliasing", and applies a body that uses one anchor 300 times.
  it("refuses a billion-laughs body in the API server's words", () => {
    const laughs = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 10; i++) laughs.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`)}]`);
    expect(() => parseYaml(laughs.join("\n"))).toThrow(
      "error converting YAML to JSON: yaml: document contains excessive aliasing",
    );
    expect(() => parseYaml("a: &a [1, *a]")).toThrow("anchor 'a' value contains itself");
  });

  it("reads a body that uses its anchors a few hundred times, as the API server does", () => {
    const items = Array.from({ length: 300 }, () => "  - *env").join("\n");
    const doc = parseYaml(`env: &env {name: A, value: "1"}\nlist:\n${items}\n`) as {
      env: object;
      list: object[];
    };
    expect(doc.list).toHaveLength(300);
    expect(doc.list[299]).toEqual({ name: "A", value: "1" });
    // Expanded: each alias is a copy, so changing one object leaves the others alone.
    expect(doc.list[0]).not.toBe(doc.env);
    expect(doc.list[0]).not.toBe(doc.list[1]);
  });

  // What a real API server (v1.19) decoded and what it refused as excessive aliasing, for the
  // same bodies: an anchor of 4,000 scalars used 99/100 times, of 500 one-item lists 110/115
  // times, of a 2,000-key map 53/54 times.
  it("refuses exactly where the API server does", () => {
    const list = (n: number, item: string) => Array.from({ length: n }, () => item).join(",");
    const use = (n: number) => `B: [${list(n, "*A")}]\n`;
    const scalars = `A: &A [${list(4000, "x")}]\n`;
    const lists = `A: &A [${list(500, "[x]")}]\n`;
    const map = `A: &A {${Array.from({ length: 2000 }, (_, i) => `k${i}: {v: 1}`).join(", ")}}\n`;
    const verdict = (doc: string) => {
      try {
        parseYaml(doc);
        return "decoded";
      } catch (err) {
        return /excessive aliasing/.test((err as Error).message) ? "refused" : "other";
      }
    };
    expect(
      [scalars + use(99), scalars + use(100), lists + use(110), lists + use(115)].map(verdict),
    ).toEqual(["decoded", "refused", "decoded", "refused"]);
    expect([map + use(53), map + use(54)].map(verdict)).toEqual(["decoded", "refused"]);
  });

  it("refuses a body over the API server's 3 MiB", () => {
    expect(() => parseYaml(`a: "${"x".repeat(3 * 1024 * 1024)}"`)).toThrow(/larger than/);
  });
});
