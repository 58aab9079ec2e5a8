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

  it("refuses excessive aliasing and allows a little", () => {
    const aliases = (n: number): string =>
      `x: &a [1]\ny: [${Array.from({ length: n }, () => "*a").join(",")}]`;
    expect(parseYaml(aliases(99))).toMatchObject({ x: [1] });
    expect(() => parseYaml(aliases(100))).toThrow(/Excessive alias count/);
    const laughs = [
      "a: &a [1,2,3,4,5,6,7,8,9,10]",
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]",
    ].join("\n");
    expect(() => parseYaml(laughs)).toThrow(/Excessive alias count/);
  });
});
